package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a project with one active shared data layer named {@code main}; null ids are handed out on acceptance. */
public record CreateProject(@TargetAggregateIdentifier Long projectId, String name, Long executorId, Long mainLayerId) {
}
