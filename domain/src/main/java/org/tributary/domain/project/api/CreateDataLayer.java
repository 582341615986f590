package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.tributary.domain.shared.DataLayerKind;

/**
 * Adds an active data layer in which every node is active. A null {@code layerId} is handed out on acceptance.
 *
 * @param createdBy the user who makes it: a personal layer is theirs, seen by no one else (null: the platform, or a
 *                  key, which make shared layers only)
 */
public record CreateDataLayer(@TargetAggregateIdentifier long projectId, @TargetAggregateVersion Long version,
                              Long layerId, String label, DataLayerKind kind, Long createdBy, String description) {

    public CreateDataLayer(long projectId, Long version, Long layerId, String label, DataLayerKind kind,
                           Long createdBy) {
        this(projectId, version, layerId, label, kind, createdBy, null);
    }

    public CreateDataLayer(long projectId, Long version, Long layerId, String label, DataLayerKind kind) {
        this(projectId, version, layerId, label, kind, null);
    }
}
