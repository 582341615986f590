package org.tributary.domain.project.api;

/** A node got a new label. */
public record NodeRenamed(long projectId, long nodeId, String label) implements ProjectEvent {
}
