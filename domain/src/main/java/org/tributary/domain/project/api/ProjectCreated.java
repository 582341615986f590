package org.tributary.domain.project.api;

/** A project was created. */
public record ProjectCreated(long projectId, String name, Long executorId) implements ProjectEvent {
}
