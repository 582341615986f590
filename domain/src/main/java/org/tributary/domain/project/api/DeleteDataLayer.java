package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Deletes a data layer with its packages, jobs and parameter values; a project keeps at least one layer. */
public record DeleteDataLayer(@TargetAggregateIdentifier long projectId, @TargetAggregateVersion Long version,
                              long layerId) {
}
