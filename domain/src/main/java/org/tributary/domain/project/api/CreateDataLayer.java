package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.tributary.domain.shared.DataLayerKind;

/** Adds an active data layer in which every node is active. A null {@code layerId} is handed out on acceptance. */
public record CreateDataLayer(@TargetAggregateIdentifier long projectId, @TargetAggregateVersion Long version, Long layerId, String label, DataLayerKind kind) {
}
