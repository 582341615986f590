package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Deletes a project secret; jobs created afterwards no longer get it. */
public record DeleteProjectSecret(@TargetAggregateIdentifier long projectId, @TargetAggregateVersion Long version,
                                  String name) {
}
