package org.tributary.domain.project.api;

import org.tributary.domain.shared.DataLayerKind;

/** A data layer as it is after an edit: every attribute, whichever changed. */
public record DataLayerUpdated(long projectId, long layerId, String label, String description, boolean active,
                               DataLayerKind kind, Long createdBy) implements ProjectEvent {
}
