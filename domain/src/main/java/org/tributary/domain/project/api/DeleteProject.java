package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Deletes a project with everything in it; its stored files are freed by the storage upkeep. */
public record DeleteProject(@TargetAggregateIdentifier long projectId, @TargetAggregateVersion Long version) {
}
