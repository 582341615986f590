package org.tributary.domain.executor.api;

import org.tributary.domain.shared.Check;
import org.tributary.domain.shared.GpuKind;
import org.tributary.domain.shared.InvalidInput;

import java.util.Map;
import java.util.TreeMap;

/**
 * What an executor offers.
 *
 * @param gpus           GPU counts by kind ({@code nvidia}, {@code amd}); the most one job may ask for
 * @param maxRunningJobs how many jobs it runs at once; 0 for no limit
 */
public record ExecutorCapabilities(Map<String, Integer> gpus, int maxRunningJobs) {

    public static final ExecutorCapabilities CPU_ONLY = new ExecutorCapabilities(Map.of(), 0);

    public ExecutorCapabilities {
        TreeMap<String, Integer> copy = new TreeMap<>();
        if (gpus != null) {
            gpus.forEach((kind, count) -> {
                GpuKind gpuKind;
                try {
                    gpuKind = GpuKind.of(kind);
                } catch (InvalidInput e) {
                    throw new InvalidInput("capabilities.gpus", "capabilities.gpus has unknown GPU kind '" + kind
                            + "'; known are nvidia, amd");
                }
                if (count == null || count < 0) {
                    throw new InvalidInput("capabilities.gpus." + kind, "GPU count must not be negative");
                }
                copy.put(gpuKind.wireName(), count);
            });
        }
        gpus = Map.copyOf(copy);
        Check.atLeast("capabilities.max_running_jobs", maxRunningJobs, 0);
    }

    /** Whether a job asking for {@code count} GPUs of {@code kind} can run here. */
    public boolean offers(GpuKind kind, int count) {
        return count == 0 || gpus.getOrDefault(kind.wireName(), 0) >= count;
    }
}
