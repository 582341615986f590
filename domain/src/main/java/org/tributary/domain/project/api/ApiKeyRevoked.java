package org.tributary.domain.project.api;

/** A project API key no longer works. */
public record ApiKeyRevoked(long projectId, long keyId) implements ProjectEvent {
}
