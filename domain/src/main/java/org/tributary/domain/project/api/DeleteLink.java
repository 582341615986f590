package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Removes a link. */
public record DeleteLink(@TargetAggregateIdentifier long projectId, @TargetAggregateVersion Long version, long linkId) {
}
