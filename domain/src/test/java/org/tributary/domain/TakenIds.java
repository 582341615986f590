package org.tributary.domain;

import org.tributary.domain.shared.Ids;

import java.util.ArrayList;
import java.util.List;

/** Ids for a test fixture: {@code first}, {@code first + 1}, …, remembering which kinds were taken. */
public final class TakenIds implements Ids {

    private final List<Kind> taken = new ArrayList<>();
    private long next;

    public TakenIds(long first) {
        this.next = first;
    }

    @Override
    public long next(Kind kind) {
        taken.add(kind);
        return next++;
    }

    public List<Kind> taken() {
        return List.copyOf(taken);
    }
}
