package org.tributary.access;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A decoder that checks each access token's signature once: a client sends the same token with every request until
 * it expires, and verifying an RSA signature is most of what authenticating a request costs. A token is remembered
 * only after the decoder it wraps accepted it, by its whole text (signature included), and only until it expires:
 * a remembered token past its {@code exp} is handed to that decoder again, which judges it as it did the first time.
 * Refused tokens are not remembered. At most {@code capacity} tokens, the least recently used forgotten first.
 */
public final class RememberedJwts implements JwtDecoder {

    private final JwtDecoder decoder;
    private final Clock clock;
    private final Map<String, Jwt> accepted;

    RememberedJwts(JwtDecoder decoder, int capacity, Clock clock) {
        this.decoder = decoder;
        this.clock = clock;
        this.accepted = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Jwt> eldest) {
                return size() > capacity;
            }
        };
    }

    public static JwtDecoder around(JwtDecoder decoder) {
        return new RememberedJwts(decoder, 4096, Clock.systemUTC());
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known;
        synchronized (accepted) {
            known = accepted.get(token);
        }
        if (known != null && !expired(known, clock.instant())) {
            return known;
        }
        Jwt jwt = decoder.decode(token);
        // a token without an expiry would be remembered for good: it is checked every time instead
        if (jwt.getExpiresAt() != null && !expired(jwt, clock.instant())) {
            synchronized (accepted) {
                accepted.put(token, jwt);
            }
        }
        return jwt;
    }

    private static boolean expired(Jwt jwt, Instant now) {
        return jwt.getExpiresAt() == null || !now.isBefore(jwt.getExpiresAt());
    }
}
