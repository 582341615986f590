package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tributary.domain.shared.ProjectRole;

import java.time.Instant;

/**
 * A member makes a named API key for the project, acting with {@code role} (no higher than their own) until
 * {@code expiresAt} (null: until revoked). The key's secret never reaches the domain: command-service makes it and
 * the domain keeps only its digest.
 *
 * @param keyId the key's id, handed out by command-service (it is part of the secret shown to the member)
 * @param now   the time of the request, to refuse an expiry in the past
 * @param secretDigest the SHA-256 (hex) of the key's secret
 */
public record CreateApiKey(@TargetAggregateIdentifier long projectId, long actingUserId, long keyId, String name,
                           ProjectRole role, Instant expiresAt, Instant now, String secretDigest) {
}
