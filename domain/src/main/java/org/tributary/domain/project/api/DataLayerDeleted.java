package org.tributary.domain.project.api;

/** A data layer is gone, and with it every package, job and parameter value in it. */
public record DataLayerDeleted(long projectId, long layerId) implements ProjectEvent {
}
