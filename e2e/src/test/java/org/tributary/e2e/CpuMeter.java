package org.tributary.e2e;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU a measured window used, so that a bench can print CPU time per unit of work beside its rate: on a machine
 * whose speed varies from day to day (another guest on the host takes its share), the CPU per job tells a change in
 * the code from a change in the machine better than the rate alone. Reads {@code /proc/stat} (the machine) and the
 * JVM's own CPU time; where there is no {@code /proc/stat} the machine's figures are absent.
 */
final class CpuMeter {

    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final long[] startStat = machine();
    private final long startJvmNanos = jvmNanos();
    private final long startWall = System.nanoTime();

    /** "cpu per job: …" for {@code units} done since this meter was made. */
    String perUnit(long units, String unit) {
        long[] endStat = machine();
        double jvmMs = (jvmNanos() - startJvmNanos) / 1e6;
        double wallS = (System.nanoTime() - startWall) / 1e9;
        if (startStat == null || endStat == null) {
            return String.format("cpu per %s: this JVM %.1f ms", unit, jvmMs / units);
        }
        // user nice system idle iowait irq softirq steal
        long busy = 0;
        for (int i : new int[] {0, 1, 2, 5, 6}) {
            busy += endStat[i] - startStat[i];
        }
        long steal = endStat[7] - startStat[7];
        long all = busy + steal + (endStat[3] - startStat[3]) + (endStat[4] - startStat[4]);
        double machineMs = busy * 1000.0 / CLOCK_TICKS_PER_SECOND;
        return String.format("cpu per %s: machine %.1f ms (this JVM %.1f ms, other processes %.1f ms); machine busy"
                        + " %.0f %% of %d cores, stolen by the host %.1f %% over %.0f s",
                unit, machineMs / units, jvmMs / units, (machineMs - jvmMs) / units,
                all == 0 ? 0 : 100.0 * busy / all * Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().availableProcessors(), all == 0 ? 0 : 100.0 * steal / all, wallS);
    }

    private static long jvmNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long[] machine() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long[] values = new long[8];
            for (int i = 0; i < values.length; i++) {
                values[i] = Long.parseLong(cpu[i + 1]);
            }
            return values;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
