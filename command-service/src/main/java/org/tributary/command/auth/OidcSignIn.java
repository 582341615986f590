package org.tributary.command.auth;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.tributary.domain.shared.InvalidInput;

import java.util.Optional;

/**
 * Signing in through an external OpenID Connect provider ({@code tributary.security.oidc.*}): the client brings the
 * provider's ID token, which is checked with the provider's keys (its issuer, expiry and, when set, audience); the
 * account it names (issuer and subject) is made on the first sign-in from its claims, and the client gets
 * Tributary's own access and refresh tokens, so that every service keeps checking one issuer's tokens.
 * With {@code tributary.security.oidc.local-passwords=false} the provider is the only way in.
 */
@Component
public class OidcSignIn {

    private final String issuer;
    private final String jwkSetUri;
    private final String audience;
    private final String loginClaim;
    private final boolean localPasswords;
    private final Accounts accounts;
    private volatile JwtDecoder decoder;

    public OidcSignIn(@Value("${tributary.security.oidc.issuer:}") String issuer,
                      @Value("${tributary.security.oidc.jwk-set-uri:}") String jwkSetUri,
                      @Value("${tributary.security.oidc.audience:}") String audience,
                      @Value("${tributary.security.oidc.login-claim:preferred_username}") String loginClaim,
                      @Value("${tributary.security.oidc.local-passwords:true}") boolean localPasswords,
                      Accounts accounts) {
        this.issuer = issuer.strip();
        this.jwkSetUri = jwkSetUri.strip();
        this.audience = audience.strip();
        this.loginClaim = loginClaim;
        this.localPasswords = localPasswords || this.issuer.isEmpty();
        this.accounts = accounts;
    }

    public boolean configured() {
        return !issuer.isEmpty();
    }

    /** Whether logins and registrations with a password here are allowed (always, without a provider). */
    public boolean localPasswords() {
        return localPasswords;
    }

    public String issuer() {
        return issuer;
    }

    /** The account the provider's ID token names, made now on its first sign-in; empty for a token that fails. */
    @Transactional
    public Optional<Account> account(String idToken) {
        Jwt token;
        try {
            token = decoder().decode(idToken);
        } catch (JwtException e) {
            return Optional.empty();
        }
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) {
            return Optional.empty();
        }
        Optional<Account> known = accounts.find(issuer, subject);
        if (known.isPresent()) {
            return known;
        }
        String name = token.getClaimAsString("name");
        String login = claim(token, loginClaim);
        return Optional.of(accounts.register(issuer, subject, login, name == null || name.isBlank() ? login : name,
                claim(token, "email")));
    }

    private static String claim(Jwt token, String name) {
        String value = token.getClaimAsString(name);
        if (value == null || value.isBlank()) {
            throw new InvalidInput("id_token", "the provider's token has no " + name + " claim");
        }
        return value;
    }

    private JwtDecoder decoder() {
        JwtDecoder known = decoder;
        if (known == null) {
            synchronized (this) {
                if (decoder == null) {
                    decoder = build();
                }
                known = decoder;
            }
        }
        return known;
    }

    private JwtDecoder build() {
        if (!configured()) {
            throw new InvalidInput("id_token", "this platform has no OpenID Connect provider");
        }
        // without a JWK set URI, the provider's discovery document names its keys
        NimbusJwtDecoder nimbus = jwkSetUri.isEmpty() ? (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(issuer)
                : NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
        nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
                jwt -> audience.isEmpty() || (jwt.getAudience() != null && jwt.getAudience().contains(audience))
                        ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                        "the token is not for this platform", null))));
        return nimbus;
    }
}
