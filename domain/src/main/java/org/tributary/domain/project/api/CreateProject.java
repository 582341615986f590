package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a project with one active shared data layer named {@code main}; null ids are handed out on acceptance.
 *
 * @param createdBy the user who creates it, its first owner; null for a project made by the platform itself
 */
public record CreateProject(@TargetAggregateIdentifier Long projectId, String name, Long executorId, Long mainLayerId,
                            Long createdBy) {

    public CreateProject(Long projectId, String name, Long executorId, Long mainLayerId) {
        this(projectId, name, executorId, mainLayerId, null);
    }
}
