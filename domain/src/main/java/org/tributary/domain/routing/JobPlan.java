package org.tributary.domain.routing;

import org.tributary.domain.shared.ContainerSpec;
import org.tributary.domain.shared.FileRef;

import java.util.List;
import java.util.Map;

/**
 * What a package arriving at a compute node turns into: the job's snapshot of the node at that moment.
 *
 * @param executorId the node's executor, else the project's; {@code null} when neither names one
 */
public record JobPlan(long nodeId, long layerId, ContainerSpec container, Map<String, Object> fields,
                      List<FileRef> nodeFiles, Long executorId) {
}
