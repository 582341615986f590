package org.tributary.access;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * A user's access token as a {@link Caller}: {@code sub} is the user's id, {@code login} their login, {@code adm}
 * whether they administer the platform. The claims command-service signs ({@code auth.AccessTokens}).
 */
public class JwtCallers implements Converter<Jwt, CallerAuthentication> {

    public static final String LOGIN = "login";
    public static final String ADMIN = "adm";

    @Override
    public CallerAuthentication convert(Jwt jwt) {
        long userId;
        try {
            userId = Long.parseLong(jwt.getSubject());
        } catch (NumberFormatException | NullPointerException e) {
            throw new InvalidBearerTokenException("the token's subject is not a user of this platform");
        }
        Boolean admin = jwt.getClaimAsBoolean(ADMIN);
        return new CallerAuthentication(Caller.user(userId, jwt.getClaimAsString(LOGIN), Boolean.TRUE.equals(admin)),
                jwt.getExpiresAt());
    }
}
