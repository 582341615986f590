package org.tributary.command.auth;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.tributary.access.OpaqueCredential;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Opaque refresh tokens, kept by their SHA-256 ({@code refresh_token}), each used once: a refresh answers the next
 * token of the same family and uses the old one up. A used token presented again means it leaked, so the whole
 * family is revoked, the thief's token and the user's alike; logging out revokes the family too, and a new password
 * revokes every family of the user. They live {@code tributary.security.refresh-token-ttl} (14 days by default).
 */
@Component
public class RefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration ttl;

    public RefreshTokens(JdbcTemplate jdbc, Clock clock,
                         @Value("${tributary.security.refresh-token-ttl:P14D}") Duration ttl) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The first token of a new family, at login. */
    public String start(long userId) {
        return issue(userId, UUID.randomUUID());
    }

    /** The user whose token this was, and their next token; empty when it is unknown, used, revoked or expired. */
    @Transactional
    public Optional<Map.Entry<Long, String>> rotate(String token) {
        if (token == null || token.isEmpty() || token.length() > 200) {
            return Optional.empty();
        }
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT family, user_id, expires_at, used_at, revoked_at "
                + "FROM refresh_token WHERE token_digest = ? FOR UPDATE", OpaqueCredential.sha256(token));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> row = rows.get(0);
        UUID family = (UUID) row.get("family");
        Instant now = clock.instant();
        if (row.get("revoked_at") != null || ((Timestamp) row.get("expires_at")).toInstant().isBefore(now)) {
            return Optional.empty();
        }
        if (row.get("used_at") != null) {
            revokeFamily(family);
            return Optional.empty();
        }
        jdbc.update("UPDATE refresh_token SET used_at = ? WHERE token_digest = ?", Timestamp.from(now),
                OpaqueCredential.sha256(token));
        long userId = ((Number) row.get("user_id")).longValue();
        return Optional.of(Map.entry(userId, issue(userId, family)));
    }

    /** Logout: the token's family stops working. An unknown token changes nothing. */
    public void revoke(String token) {
        if (token == null || token.length() > 200) {
            return;
        }
        List<UUID> families = jdbc.queryForList("SELECT family FROM refresh_token WHERE token_digest = ?", UUID.class,
                OpaqueCredential.sha256(token));
        families.forEach(this::revokeFamily);
    }

    public void revokeAll(long userId) {
        jdbc.update("UPDATE refresh_token SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                Timestamp.from(clock.instant()), userId);
    }

    public Duration ttl() {
        return ttl;
    }

    private void revokeFamily(UUID family) {
        jdbc.update("UPDATE refresh_token SET revoked_at = ? WHERE family = ? AND revoked_at IS NULL",
                Timestamp.from(clock.instant()), family);
    }

    private String issue(long userId, UUID family) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.update("INSERT INTO refresh_token (token_digest, family, user_id, expires_at) VALUES (?, ?, ?, ?)",
                OpaqueCredential.sha256(token), family, userId, Timestamp.from(clock.instant().plus(ttl)));
        return token;
    }
}
