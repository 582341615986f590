package org.tributary.domain.project.api;

/** A node moved on the canvas. */
public record NodeMoved(long projectId, long nodeId, double x, double y) implements ProjectEvent {
}
