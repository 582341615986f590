package org.tributary.domain.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The user (or an admin) changes the display name or email; null keeps the current one. */
public record ChangeUserProfile(@TargetAggregateIdentifier long userId, String displayName, String email) {
}
