package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.tributary.domain.shared.ContainerSpec;
import org.tributary.domain.shared.NodeKind;
import org.tributary.domain.shared.ProcessingMode;

/**
 * Adds a node to the graph; it is active in every data layer. A compute node needs a container spec. A null
 * {@code nodeId} is handed out on acceptance.
 */
public record CreateNode(@TargetAggregateIdentifier long projectId, @TargetAggregateVersion Long version, Long nodeId, String label, NodeKind kind, ContainerSpec container, double x, double y, Long executorId, ProcessingMode processing) {

    public CreateNode(long projectId, Long version, Long nodeId, String label, NodeKind kind, ContainerSpec container,
                      double x, double y, Long executorId) {
        this(projectId, version, nodeId, label, kind, container, x, y, executorId, null);
    }
}
