package org.tributary.executor.jobapi;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tributary.executor.config.ExecutorProperties;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Job-scoped tokens of the executor API. A job's process gets one refresh token; {@code auth/refresh} trades it for
 * an access token and a new refresh token. Only SHA-256 hashes are stored, so the table gives no token away.
 */
@Service
public class JobTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration accessTtl;
    private final Duration refreshGrace;

    public JobTokens(JdbcTemplate jdbc, Clock clock, ExecutorProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.accessTtl = properties.accessTokenTtl();
        this.refreshGrace = properties.refreshGrace();
    }

    /** A fresh refresh token for the job's process; tokens issued to an earlier process of the job stay valid. */
    public String issueRefresh(long jobId) {
        String token = newToken();
        jdbc.update("INSERT INTO job_token (token_hash, job_id, kind) VALUES (?, ?, 'refresh')", hash(token), jobId);
        return token;
    }

    /**
     * Rotates a refresh token. The old one keeps working for the grace period after its first use, so that a request
     * retried after a lost answer still succeeds; after that it is refused.
     */
    @Transactional
    public TokenPair refresh(String refreshToken) {
        Instant now = clock.instant();
        String oldHash = hash(required(refreshToken));
        List<Presented> found = jdbc.query("SELECT job_id, rotated_at FROM job_token WHERE token_hash = ? "
                        + "AND kind = 'refresh' FOR UPDATE",
                (rs, i) -> new Presented(rs.getLong(1), instant(rs.getTimestamp(2))), oldHash);
        if (found.isEmpty()) {
            throw new Unauthorized("unknown refresh token");
        }
        Presented old = found.get(0);
        if (old.rotatedAt() != null && !now.isBefore(old.rotatedAt().plus(refreshGrace))) {
            throw new Unauthorized("the refresh token was already used");
        }
        long jobId = old.jobId();
        String access = newToken();
        String refresh = newToken();
        jdbc.update("INSERT INTO job_token (token_hash, job_id, kind, expires_at) VALUES (?, ?, 'access', ?)",
                hash(access), jobId, Timestamp.from(now.plus(accessTtl)));
        jdbc.update("INSERT INTO job_token (token_hash, job_id, kind) VALUES (?, ?, 'refresh')", hash(refresh), jobId);
        jdbc.update("UPDATE job_token SET rotated_at = ? WHERE token_hash = ? AND rotated_at IS NULL",
                Timestamp.from(now), oldHash);
        // what can never be used again goes, so the table holds a few rows per job
        jdbc.update("DELETE FROM job_token WHERE job_id = ? AND ((kind = 'access' AND expires_at <= ?) "
                        + "OR (kind = 'refresh' AND rotated_at <= ?))",
                jobId, Timestamp.from(now), Timestamp.from(now.minus(refreshGrace)));
        return new TokenPair(access, refresh);
    }

    /** Checks an access token for a call about job {@code jobId}. */
    public void authorize(String accessToken, long jobId) {
        Instant now = clock.instant();
        List<Long> owner = jdbc.query("SELECT job_id FROM job_token WHERE token_hash = ? AND kind = 'access' "
                + "AND expires_at > ?", (rs, i) -> rs.getLong(1), hash(required(accessToken)), Timestamp.from(now));
        if (owner.isEmpty()) {
            throw new Unauthorized("unknown or expired access token");
        }
        if (owner.get(0) != jobId) {
            throw new Forbidden("the token is for another job");
        }
    }

    /** The job's process ended: none of its tokens is needed any more. */
    public void revoke(long jobId) {
        jdbc.update("DELETE FROM job_token WHERE job_id = ?", jobId);
    }

    private static String required(String token) {
        if (token == null || token.isBlank()) {
            throw new Unauthorized("a bearer token is required");
        }
        return token;
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private record Presented(long jobId, Instant rotatedAt) {
    }

    /** A new access token and the refresh token that replaces the one presented. */
    public record TokenPair(String accessToken, String refreshToken) {
    }

    /** No valid token: 401. */
    public static class Unauthorized extends RuntimeException {
        public Unauthorized(String message) {
            super(message);
        }
    }

    /** A valid token for another job: 403. */
    public static class Forbidden extends RuntimeException {
        Forbidden(String message) {
            super(message);
        }
    }
}
