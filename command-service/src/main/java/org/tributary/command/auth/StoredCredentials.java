package org.tributary.command.auth;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tributary.access.Caller;
import org.tributary.access.OpaqueCredential;
import org.tributary.access.OpaqueCredentials;
import org.tributary.domain.shared.ProjectRole;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * API keys and executor credentials as command-service keeps them ({@code credential}): by the digest of their
 * secret, written in the same transaction as the event that makes or revokes them.
 */
@Component
public class StoredCredentials implements OpaqueCredentials {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public StoredCredentials(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Optional<Caller> resolve(String token) {
        Optional<OpaqueCredential> parsed = OpaqueCredential.parse(token);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        OpaqueCredential credential = parsed.get();
        String kind = credential.kind() == OpaqueCredential.Kind.API_KEY ? "key" : "executor";
        List<Optional<Caller>> rows = jdbc.query("SELECT * FROM credential WHERE kind = ? AND id = ?", (rs, i) -> {
            if (!credential.works(rs.getString("secret_digest"), instant(rs.getTimestamp("revoked_at")),
                    instant(rs.getTimestamp("expires_at")), clock.instant())) {
                return Optional.<Caller>empty();
            }
            return Optional.of(credential.kind() == OpaqueCredential.Kind.API_KEY
                    ? Caller.apiKey(credential.id(), rs.getString("name"), rs.getLong("project_id"),
                    ProjectRole.of(rs.getString("role")))
                    : Caller.executor(credential.id(), rs.getString("name")));
        }, kind, credential.id());
        return rows.isEmpty() ? Optional.empty() : rows.get(0);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    public long nextKeyId() {
        Long id = jdbc.queryForObject("SELECT nextval('api_key_id_seq')", Long.class);
        return id == null ? 0 : id;
    }

    public void keepKey(long keyId, String name, long projectId, ProjectRole role, Instant expiresAt, String digest) {
        jdbc.update("INSERT INTO credential (kind, id, secret_digest, name, project_id, role, expires_at) "
                        + "VALUES ('key', ?, ?, ?, ?, ?, ?)", keyId, digest, name, projectId, role.wireName(),
                expiresAt == null ? null : Timestamp.from(expiresAt));
    }

    public void revokeKey(long keyId) {
        jdbc.update("UPDATE credential SET revoked_at = ? WHERE kind = 'key' AND id = ? AND revoked_at IS NULL",
                Timestamp.from(clock.instant()), keyId);
    }

    public void keepExecutor(long executorId, String label, String digest) {
        jdbc.update("INSERT INTO credential (kind, id, secret_digest, name) VALUES ('executor', ?, ?, ?)",
                executorId, digest, label);
    }

    /** The executor's new credential; the one it had stops working at once. Answers the executor's name. */
    public String replaceExecutor(long executorId, String digest) {
        return jdbc.queryForObject("INSERT INTO credential (kind, id, secret_digest, name) "
                + "VALUES ('executor', ?, ?, ?) ON CONFLICT (kind, id) DO UPDATE "
                + "SET secret_digest = EXCLUDED.secret_digest, revoked_at = NULL RETURNING name", String.class,
                executorId, digest, "executor " + executorId);
    }
}
