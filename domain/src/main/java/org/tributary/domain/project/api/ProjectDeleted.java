package org.tributary.domain.project.api;

/** A project is gone with its graph, layers, packages and jobs; nothing can be done to it any more. */
public record ProjectDeleted(long projectId) implements ProjectEvent {
}
