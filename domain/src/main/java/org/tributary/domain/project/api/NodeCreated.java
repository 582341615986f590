package org.tributary.domain.project.api;

import org.tributary.domain.shared.ContainerSpec;
import org.tributary.domain.shared.NodeKind;

/** A node was added to the graph. */
public record NodeCreated(long projectId, long nodeId, String label, NodeKind kind, ContainerSpec container, double x, double y, Long executorId) implements ProjectEvent {
}
