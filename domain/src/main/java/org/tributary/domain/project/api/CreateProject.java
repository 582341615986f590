package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a project with one active shared data layer named {@code main}. */
public record CreateProject(@TargetAggregateIdentifier long projectId, String name, Long executorId, long mainLayerId) {
}
