package org.tributary.domain.project.api;

/** A node file was removed. */
public record NodeFileDeleted(long projectId, long nodeId, String name) implements ProjectEvent {
}
