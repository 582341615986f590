package org.tributary.domain.project.api;

import org.tributary.domain.shared.DataLayerKind;

/**
 * A data layer was added, active, with every node active in it.
 *
 * @param createdBy the user who made it (a personal layer is seen by them alone); null for the main layer, a key's
 *                  layer, or one made before layers named their maker
 */
public record DataLayerCreated(long projectId, long layerId, String label, DataLayerKind kind, Long createdBy,
                               String description) implements ProjectEvent {

    public DataLayerCreated(long projectId, long layerId, String label, DataLayerKind kind, Long createdBy) {
        this(projectId, layerId, label, kind, createdBy, null);
    }

    public DataLayerCreated(long projectId, long layerId, String label, DataLayerKind kind) {
        this(projectId, layerId, label, kind, null);
    }
}
