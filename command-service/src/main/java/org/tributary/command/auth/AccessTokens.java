package org.tributary.command.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.tributary.access.AccessConfiguration;
import org.tributary.access.JwtCallers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Signs users' access tokens (JWT, RS256, short-lived: {@code tributary.security.access-token-ttl}, 15 minutes by
 * default) and checks them here with the same keys; the other services check them with the published JWK set.
 */
@Configuration(proxyBeanMethods = false)
public class AccessTokens {

    private final SigningKeys keys;
    private final Clock clock;
    private final Duration ttl;
    private final String issuer;

    public AccessTokens(SigningKeys keys, Clock clock,
                        @Value("${tributary.security.access-token-ttl:PT15M}") Duration ttl,
                        @Value("${tributary.security.issuer:" + AccessConfiguration.DEFAULT_ISSUER + "}")
                        String issuer) {
        this.keys = keys;
        this.clock = clock;
        this.ttl = ttl;
        this.issuer = issuer;
    }

    public record Issued(String token, Instant expiresAt) {
    }

    public Issued issue(Account account) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(issuer)
                .subject(Long.toString(account.userId()))
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .id(UUID.randomUUID().toString())
                .claim(JwtCallers.LOGIN, account.login())
                .claim(JwtCallers.ADMIN, account.admin())
                .build();
        var signing = keys.signing();
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(new JWKSet(signing)));
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(signing.getKeyID()).build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new Issued(token, claims.getExpiresAt());
    }

    /** This service checks access tokens with its own keys, not through HTTP to itself. */
    @Bean
    JwtDecoder accessTokenDecoder() {
        com.nimbusds.jwt.proc.DefaultJWTProcessor<SecurityContext> processor =
                new com.nimbusds.jwt.proc.DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new com.nimbusds.jose.proc.JWSVerificationKeySelector<>(
                com.nimbusds.jose.JWSAlgorithm.RS256, (selector, context) -> selector.select(keys.publicSet())));
        // the claims are checked by Spring Security's validators below
        processor.setJWTClaimsSetVerifier((claims, context) -> {
        });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer)));
        return decoder;
    }
}
