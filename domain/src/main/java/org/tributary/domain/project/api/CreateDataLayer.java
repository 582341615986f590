package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.tributary.domain.shared.DataLayerKind;

/** Adds an active data layer in which every node is active. */
public record CreateDataLayer(@TargetAggregateIdentifier long projectId, @TargetAggregateVersion Long version, long layerId, String label, DataLayerKind kind) {
}
