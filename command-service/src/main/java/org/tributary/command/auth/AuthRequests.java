package org.tributary.command.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/** Bodies of the account endpoints, in the API's snake_case. No body echoes a password. */
final class AuthRequests {

    private AuthRequests() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RegisterBody(String login, String password, String displayName, String email, Boolean admin) {
        @Override
        public String toString() {
            return "RegisterBody[" + login + "]";
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UserBody(long id, String login, String displayName, String email, boolean admin) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LoginBody(String login, String password) {
        @Override
        public String toString() {
            return "LoginBody[" + login + "]";
        }
    }

    /** The original platform's token login ({@code POST /api/auth/tokens}): {@code username} is the login. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TokenLoginBody(String username, String password) {
        @Override
        public String toString() {
            return "TokenLoginBody[" + username + "]";
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RefreshBody(String refreshToken) {
        @Override
        public String toString() {
            return "RefreshBody[…]";
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PasswordBody(String currentPassword, String newPassword) {
        @Override
        public String toString() {
            return "PasswordBody[…]";
        }
    }

    /** What login and refresh answer, as OAuth 2's token response spells it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TokensBody(String accessToken, String tokenType, long expiresIn, Instant expiresAt, String refreshToken,
                      long refreshExpiresIn, long userId, String login, boolean admin) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RegistrationBody(Boolean open) {
    }

    /** The OpenID Connect provider's ID token, to trade for Tributary's tokens. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record OidcBody(String idToken) {
        @Override
        public String toString() {
            return "OidcBody[…]";
        }
    }
}
