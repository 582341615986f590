package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Names the executor that runs the project's jobs unless a node names another, and switches the project on or off
 * (off: its jobs are made but wait undispatched until it is on again); {@code null} keeps either (an edit that
 * changes nothing still names the version it saw, and a stale one is refused).
 */
public record SetProjectExecutor(@TargetAggregateIdentifier long projectId, @TargetAggregateVersion Long version, Long executorId, Boolean active) {

    public SetProjectExecutor(long projectId, Long version, Long executorId) {
        this(projectId, version, executorId, null);
    }
}
