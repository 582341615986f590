package org.tributary.domain.project.api;

/** The project's main executor changed. */
public record ProjectExecutorSet(long projectId, long executorId) implements ProjectEvent {
}
