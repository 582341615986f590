package org.tributary.domain.routing;

import org.tributary.domain.shared.ContainerSpec;
import org.tributary.domain.shared.FileRef;

import java.util.List;
import java.util.Map;

/**
 * What a package arriving at a compute node turns into: the job's snapshot of the node at that moment.
 *
 * @param executorId the node's executor, else the project's; {@code null} when neither names one
 * @param secrets    the names of the project secrets granted to the node
 */
public record JobPlan(long nodeId, long layerId, ContainerSpec container, Map<String, Object> fields,
                      List<FileRef> nodeFiles, Long executorId, List<String> secrets) {

    public JobPlan(long nodeId, long layerId, ContainerSpec container, Map<String, Object> fields,
                   List<FileRef> nodeFiles, Long executorId) {
        this(nodeId, layerId, container, fields, nodeFiles, executorId, List.of());
    }
}
