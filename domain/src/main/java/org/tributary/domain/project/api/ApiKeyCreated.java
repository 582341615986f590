package org.tributary.domain.project.api;

import org.tributary.domain.shared.ProjectRole;

import java.time.Instant;

/** A project API key exists: who made it, its name and role, and until when it works (null: until revoked). */
public record ApiKeyCreated(long projectId, long keyId, String name, ProjectRole role, Instant expiresAt,
                            long createdBy) implements ProjectEvent {
}
