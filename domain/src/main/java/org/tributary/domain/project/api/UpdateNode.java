package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.tributary.domain.shared.ContainerSpec;
import org.tributary.domain.shared.ProcessingMode;

/** Changes what is given (non-null) of a node's label, container spec, position, executor and processing mode. */
public record UpdateNode(@TargetAggregateIdentifier long projectId, @TargetAggregateVersion Long version, long nodeId, String label, ContainerSpec container, Double x, Double y, Long executorId, ProcessingMode processing) {

    public UpdateNode(long projectId, Long version, long nodeId, String label, ContainerSpec container, Double x,
                      Double y, Long executorId) {
        this(projectId, version, nodeId, label, container, x, y, executorId, null);
    }
}
