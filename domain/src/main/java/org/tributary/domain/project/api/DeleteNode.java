package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Removes a node and every link that touches it. */
public record DeleteNode(@TargetAggregateIdentifier long projectId, @TargetAggregateVersion Long version, long nodeId) {
}
