package org.tributary.testsupport;

import java.util.List;

/** Percentiles of durations for the benches: nearest rank, in milliseconds. */
public final class Percentiles {

    private Percentiles() {
    }

    /**
     * @param sortedNanos durations in nanoseconds, in ascending order
     * @param q           0 < q ≤ 1 (1 is the maximum)
     * @return the duration at that rank in milliseconds; NaN when there are none
     */
    public static double millis(List<Long> sortedNanos, double q) {
        if (sortedNanos.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.min(sortedNanos.size() - 1, Math.ceil(q * sortedNanos.size()) - 1);
        return sortedNanos.get(Math.max(0, index)) / 1e6;
    }
}
