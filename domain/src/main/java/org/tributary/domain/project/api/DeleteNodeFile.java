package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Removes a node file. */
public record DeleteNodeFile(@TargetAggregateIdentifier long projectId, @TargetAggregateVersion Long version, long nodeId, String name) {
}
