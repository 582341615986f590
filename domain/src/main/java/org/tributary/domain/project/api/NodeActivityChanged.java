package org.tributary.domain.project.api;

/** A node was activated or deactivated in one data layer. */
public record NodeActivityChanged(long projectId, long nodeId, long layerId, boolean active) implements ProjectEvent {
}
