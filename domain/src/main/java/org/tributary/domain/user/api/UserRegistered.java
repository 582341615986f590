package org.tributary.domain.user.api;

/** A user account exists (its password hash is kept by command-service, never in an event). */
public record UserRegistered(long userId, String login, String displayName, String email, boolean admin) {
}
