package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Names the executor that runs the project's jobs unless a node names another; {@code null} keeps it (an edit that
 * changes nothing still names the version it saw, and a stale one is refused).
 */
public record SetProjectExecutor(@TargetAggregateIdentifier long projectId, @TargetAggregateVersion Long version, Long executorId) {
}
