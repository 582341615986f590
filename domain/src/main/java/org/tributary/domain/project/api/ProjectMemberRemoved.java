package org.tributary.domain.project.api;

/** A user is no longer a member of the project; the API keys they made keep working until revoked. */
public record ProjectMemberRemoved(long projectId, long userId) implements ProjectEvent {
}
