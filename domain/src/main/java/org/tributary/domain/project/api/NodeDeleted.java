package org.tributary.domain.project.api;

/** A node was removed. */
public record NodeDeleted(long projectId, long nodeId) implements ProjectEvent {
}
