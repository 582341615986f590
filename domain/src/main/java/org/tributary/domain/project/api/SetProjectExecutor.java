package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Names the executor that runs the project's jobs unless a node names another. */
public record SetProjectExecutor(@TargetAggregateIdentifier long projectId, @TargetAggregateVersion Long version, long executorId) {
}
