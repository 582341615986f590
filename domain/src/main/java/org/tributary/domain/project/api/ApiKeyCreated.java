package org.tributary.domain.project.api;

import org.tributary.domain.shared.ProjectRole;

import java.time.Instant;

/**
 * A project API key exists: who made it, its name and role, and until when it works (null: until revoked).
 *
 * @param secretDigest the SHA-256 (hex) of the key's secret, by which every service recognises the key; the secret
 *                     itself (256 random bits) is shown once to its maker and kept nowhere
 */
public record ApiKeyCreated(long projectId, long keyId, String name, ProjectRole role, Instant expiresAt,
                            long createdBy, String secretDigest) implements ProjectEvent {
}
