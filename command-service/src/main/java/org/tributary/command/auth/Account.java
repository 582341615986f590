package org.tributary.command.auth;

/** A user's credentials as kept in {@code account}: the password only as its hash. */
public record Account(long userId, String login, String passwordHash, boolean admin) {

    @Override
    public String toString() {
        return "Account[" + userId + ", " + login + (admin ? ", admin" : "") + "]";
    }
}
