package org.tributary.domain.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers a user account: a login (unique, checked by command-service where logins are kept with their password
 * hashes), a display name and an email. The password never reaches the domain.
 *
 * @param userId null to be handed one
 * @param admin  whether the user administers the platform (the first account; others only by an admin)
 */
public record RegisterUser(@TargetAggregateIdentifier Long userId, String login, String displayName, String email,
                           boolean admin) {
}
