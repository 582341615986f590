package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.tributary.domain.shared.ContainerSpec;

/** Changes what is given (non-null) of a node's label, container spec, position and executor. */
public record UpdateNode(@TargetAggregateIdentifier long projectId, @TargetAggregateVersion Long version, long nodeId, String label, ContainerSpec container, Double x, Double y, Long executorId) {
}
