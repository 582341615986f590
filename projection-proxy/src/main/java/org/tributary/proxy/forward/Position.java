package org.tributary.proxy.forward;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How far the forwarder has read command-service's event table, gap-aware: {@code index}, the highest global index
 * it has forwarded, and the gaps below it, indices it passed that no committed event held yet. A gap is an append
 * whose transaction took its index but had not committed when a later one was read; it is read (and forwarded) when
 * it commits, or given up after a timeout (the transaction rolled back: its index is never used).
 * <p>
 * Stored as Axon's {@code GapAwareTrackingToken} ({@code {"index":…,"gaps":[…]}}), so that a proxy that ran on
 * Axon's tracking processor continues from its token, and the other way round. Immutable; no I/O.
 *
 * @param index the highest global index read; 0 before the first (the event table's indices start at 1)
 * @param gaps  each gap with the moment it was first missed
 */
public record Position(long index, NavigableMap<Long, Instant> gaps) {

    /** Nothing read yet: every index from 1 on is still to come. */
    public static final Position START = new Position(0, new TreeMap<>());

    public Position {
        gaps = java.util.Collections.unmodifiableNavigableMap(new TreeMap<>(gaps));
        if (!gaps.isEmpty() && (gaps.firstKey() < 1 || gaps.lastKey() >= index)) {
            throw new IllegalArgumentException("gaps must lie between 1 and the index " + index + ": " + gaps.keySet());
        }
    }

    /** A stored position, its gaps counted as missed from {@code now} on (a restart starts their clock again). */
    public static Position of(long index, Collection<Long> gaps, Instant now) {
        NavigableMap<Long, Instant> missed = new TreeMap<>();
        gaps.forEach(gap -> missed.put(gap, now));
        return new Position(Math.max(0, index), missed);
    }

    /** The gaps, lowest first: to be read again until they commit or time out. */
    public List<Long> gapList() {
        return List.copyOf(gaps.keySet());
    }

    /**
     * The position after reading {@code read} (global indices, lowest first, as one query returned them), at
     * {@code now}: read gaps are filled, indices skipped above the old index become gaps, and gaps missed for
     * longer than {@code gapTimeout} or more than {@code maxGaps} below the new index are given up.
     */
    public Position after(List<Long> read, Instant now, Duration gapTimeout, int maxGaps) {
        NavigableMap<Long, Instant> next = new TreeMap<>(gaps);
        long top = index;
        for (long at : read) {
            if (at <= top) {
                next.remove(at);
                continue;
            }
            for (long skipped = Math.max(top + 1, at - maxGaps); skipped < at; skipped++) {
                next.put(skipped, now);
            }
            top = at;
        }
        Instant expired = now.minus(gapTimeout);
        next.values().removeIf(missed -> missed.isBefore(expired));
        next.headMap(top - maxGaps, false).clear();
        return new Position(top, next);
    }

    /** What {@link #after} gave up, for the log: the gaps of this position that {@code next} no longer waits for. */
    public List<Long> givenUp(Position next, List<Long> read) {
        return gaps.keySet().stream()
                .filter(gap -> !next.gaps.containsKey(gap) && !read.contains(gap))
                .toList();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Position that && index == that.index && gaps.keySet().equals(that.gaps.keySet());
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, gaps.keySet());
    }

    @Override
    public String toString() {
        return "Position[index=" + index + ", gaps=" + gaps.keySet() + "]";
    }

    /** Axon's token's fields. */
    public Map<String, Object> asToken() {
        return Map.of("index", index, "gaps", gapList());
    }
}
