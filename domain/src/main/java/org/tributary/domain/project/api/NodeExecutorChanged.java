package org.tributary.domain.project.api;

/** A node names another executor ({@code null}: the project's). */
public record NodeExecutorChanged(long projectId, long nodeId, Long executorId) implements ProjectEvent {
}
