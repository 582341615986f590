package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Activates or deactivates a node in one data layer; packages at an inactive node make no jobs. */
public record SetNodeActive(@TargetAggregateIdentifier long projectId, @TargetAggregateVersion Long version, long nodeId, long layerId, boolean active) {
}
