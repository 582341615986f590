package org.tributary.domain.project.api;

/** A project secret was deleted. */
public record ProjectSecretDeleted(long projectId, String name) implements ProjectEvent {
}
