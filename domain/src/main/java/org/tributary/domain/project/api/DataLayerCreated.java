package org.tributary.domain.project.api;

import org.tributary.domain.shared.DataLayerKind;

/** A data layer was added, active, with every node active in it. */
public record DataLayerCreated(long projectId, long layerId, String label, DataLayerKind kind) implements ProjectEvent {
}
