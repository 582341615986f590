package org.tributary.access;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RememberedJwtsTest {

    static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    /** A decoder that accepts tokens named "ok-<seconds to live>" (or "forever") and counts what it was asked. */
    static final class Signer implements JwtDecoder {
        final List<String> asked = new ArrayList<>();

        @Override
        public Jwt decode(String token) {
            asked.add(token);
            if (token.equals("forever")) {
                return Jwt.withTokenValue(token).header("alg", "RS256").subject("7").build();
            }
            if (!token.startsWith("ok-")) {
                throw new BadJwtException("bad signature");
            }
            return Jwt.withTokenValue(token).header("alg", "RS256").subject("7").issuedAt(NOW.minusSeconds(1))
                    .expiresAt(NOW.plusSeconds(Long.parseLong(token.substring(3)))).build();
        }
    }

    final Signer signer = new Signer();
    Instant now = NOW;
    final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    RememberedJwts remembered(int capacity) {
        return new RememberedJwts(signer, capacity, clock);
    }

    @Test
    void aTokenAcceptedOnceIsNotVerifiedAgainWhileItIsValid() {
        RememberedJwts jwts = remembered(8);
        Jwt first = jwts.decode("ok-60");
        now = NOW.plusSeconds(59);
        assertThat(jwts.decode("ok-60")).isSameAs(first);
        assertThat(signer.asked).containsExactly("ok-60");
    }

    @Test
    void anExpiredTokenGoesBackToTheDecoder() {
        RememberedJwts jwts = remembered(8);
        jwts.decode("ok-60");
        now = NOW.plusSeconds(60);
        jwts.decode("ok-60");
        assertThat(signer.asked).containsExactly("ok-60", "ok-60");
    }

    @Test
    void aRefusedTokenIsRefusedEveryTimeAndNeverRemembered() {
        RememberedJwts jwts = remembered(8);
        assertThatThrownBy(() -> jwts.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> jwts.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(signer.asked).containsExactly("forged", "forged");
    }

    @Test
    void aTokenWithoutAnExpiryIsVerifiedEveryTime() {
        RememberedJwts jwts = remembered(8);
        jwts.decode("forever");
        jwts.decode("forever");
        assertThat(signer.asked).containsExactly("forever", "forever");
    }

    @Test
    void aTokenTheDecoderPassesAlreadyExpiredIsNotRemembered() {
        RememberedJwts jwts = remembered(8);
        jwts.decode("ok-0");
        jwts.decode("ok-0");
        assertThat(signer.asked).containsExactly("ok-0", "ok-0");
    }

    @Test
    void beyondItsCapacityTheLeastRecentlyUsedTokenIsForgotten() {
        RememberedJwts jwts = remembered(2);
        jwts.decode("ok-60");
        jwts.decode("ok-61");
        jwts.decode("ok-60");
        jwts.decode("ok-62");
        signer.asked.clear();
        jwts.decode("ok-60");
        jwts.decode("ok-62");
        jwts.decode("ok-61");
        assertThat(signer.asked).containsExactly("ok-61");
    }

    @Test
    void theDecodedClaimsAreTheDecodersOwn() {
        assertThat(remembered(8).decode("ok-60").getClaims()).containsAllEntriesOf(Map.of("sub", "7"));
    }
}
