package org.tributary.domain.job.api;

import org.tributary.domain.shared.ContainerSpec;
import org.tributary.domain.shared.FileRef;
import java.util.List;
import java.util.Map;

/** Everything a job runs with, snapshotted when it is created, so history shows exactly what ran. */
public record JobSpec(long nodeId, long layerId, List<JobInput> inputs, Map<String, Object> fields, ContainerSpec container, List<FileRef> nodeFiles, boolean interactive) {
}
