package org.tributary.webedge;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Asks again, at most once per interval, whether what a request was allowed to start (a followed log) may go on;
 * once refused, it stays refused. For answers that outlive the access check made when they began.
 */
public final class Recheck {

    /** Always allowed (the executor's own log endpoint: its caller's key does not change under it). */
    public static final Recheck ALWAYS = new Recheck(() -> true, Duration.ofDays(365), () -> 0);

    private final BooleanSupplier allowed;
    private final long everyNanos;
    private final LongSupplier nanoTime;
    private boolean asked;
    private long askedAt;
    private boolean refused;

    public Recheck(BooleanSupplier allowed, Duration every) {
        this(allowed, every, System::nanoTime);
    }

    Recheck(BooleanSupplier allowed, Duration every, LongSupplier nanoTime) {
        this.allowed = allowed;
        this.everyNanos = every.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Whether the answer may go on: asks the first time, then again once the interval has passed. */
    public synchronized boolean stillAllowed() {
        if (refused) {
            return false;
        }
        long now = nanoTime.getAsLong();
        if (!asked || now - askedAt >= everyNanos) {
            asked = true;
            askedAt = now;
            refused = !allowed.getAsBoolean();
        }
        return !refused;
    }
}
