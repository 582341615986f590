package org.tributary.domain.user.api;

/** A user's display name or email changed. */
public record UserProfileChanged(long userId, String displayName, String email) {
}
