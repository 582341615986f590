package org.tributary.query.access;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.tributary.access.AccessInterceptor;
import org.tributary.access.Caller;
import org.tributary.access.OpaqueCredential;
import org.tributary.query.shared.Times;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Whether a caller let in once may still read a project: for what outlives its request (a live stream), which must
 * stop when the caller is removed from the project, or its API key is revoked or expires, not when it ends.
 */
@Component
public class StillAllowed {

    private final ReadModelAccess projects;
    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock = Clock.systemUTC();

    StillAllowed(ReadModelAccess projects, NamedParameterJdbcTemplate jdbc) {
        this.projects = projects;
        this.jdbc = jdbc;
    }

    /** A member (any role) or an admin; a key of this project that still works. */
    public boolean toView(Caller caller, long projectId) {
        if (caller.kind() == Caller.Kind.API_KEY && !keyWorks(caller.id())) {
            return false;
        }
        return AccessInterceptor.roleOf(caller, projectId, projects).isPresent();
    }

    private boolean keyWorks(long keyId) {
        Instant now = clock.instant();
        List<Boolean> works = jdbc.query("SELECT revoked_at, expires_at FROM api_key WHERE key_id = :key",
                new MapSqlParameterSource("key", keyId), (rs, i) -> OpaqueCredential.inForce(
                        Times.instant(rs, "revoked_at"), Times.instant(rs, "expires_at"), now));
        return !works.isEmpty() && works.get(0);
    }
}
