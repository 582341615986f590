package org.tributary.domain.job.api;

import org.tributary.domain.shared.ContainerSpec;
import org.tributary.domain.shared.FileRef;
import java.util.List;
import java.util.Map;

/**
 * Everything a job runs with, snapshotted when it is created, so history shows exactly what ran.
 *
 * @param secrets the names of the project secrets granted to its node then (their values are fetched when it
 *                starts); {@code null} for jobs created before secrets were snapshotted: their executor asks
 */
public record JobSpec(long nodeId, long layerId, List<JobInput> inputs, Map<String, Object> fields,
                      ContainerSpec container, List<FileRef> nodeFiles, boolean interactive, List<String> secrets) {

    public JobSpec(long nodeId, long layerId, List<JobInput> inputs, Map<String, Object> fields,
                   ContainerSpec container, List<FileRef> nodeFiles, boolean interactive) {
        this(nodeId, layerId, inputs, fields, container, nodeFiles, interactive, null);
    }

    /** Whether the job is known to need no secret, so its executor need not ask for any. */
    public boolean needsNoSecrets() {
        return secrets != null && secrets.isEmpty();
    }
}
