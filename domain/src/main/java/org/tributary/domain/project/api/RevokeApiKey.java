package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revokes a key of the project: its creator, or an owner; a repeat is a no-op. */
public record RevokeApiKey(@TargetAggregateIdentifier long projectId, long actingUserId, long keyId) {
}
