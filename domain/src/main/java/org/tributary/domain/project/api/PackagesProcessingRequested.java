package org.tributary.domain.project.api;

import java.util.List;

/** Routing is to make job {@code jobIds[i]} of package {@code packageIds[i]} at the node. */
public record PackagesProcessingRequested(long projectId, long nodeId, long layerId, List<Long> packageIds,
                                          List<Long> jobIds, boolean interactive) implements ProjectEvent {
}
