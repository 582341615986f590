package org.tributary.query.access;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.tributary.access.Caller;
import org.tributary.access.OpaqueCredential;
import org.tributary.access.OpaqueCredentials;
import org.tributary.access.ProjectAccess;
import org.tributary.domain.shared.ProjectRole;
import org.tributary.query.shared.Times;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Who may read what, from this service's own read model of the projects' members and keys (kept from the events
 * by {@link AccessProjection}): a membership or a key works here once its event is projected, a moment after
 * command-service accepted it. Executors read nothing here, so their credentials are not known here.
 */
@Component
class ReadModelAccess implements ProjectAccess, OpaqueCredentials {

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock = Clock.systemUTC();

    ReadModelAccess(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ProjectRole> roleOf(long userId, long projectId) {
        List<String> roles = jdbc.queryForList("SELECT role FROM project_member WHERE project_id = :project "
                        + "AND user_id = :user", new MapSqlParameterSource("project", projectId).addValue("user", userId),
                String.class);
        return roles.stream().findFirst().map(ProjectRole::of);
    }

    @Override
    public Optional<Caller> resolve(String token) {
        Optional<OpaqueCredential> parsed = OpaqueCredential.parse(token)
                .filter(c -> c.kind() == OpaqueCredential.Kind.API_KEY);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        OpaqueCredential key = parsed.get();
        List<Optional<Caller>> rows = jdbc.query("SELECT * FROM api_key WHERE key_id = :key",
                new MapSqlParameterSource("key", key.id()), (rs, i) -> {
                    if (!key.works(rs.getString("secret_digest"), Times.instant(rs, "revoked_at"),
                            Times.instant(rs, "expires_at"), clock.instant())) {
                        return Optional.<Caller>empty();
                    }
                    return Optional.of(Caller.apiKey(key.id(), rs.getString("name"), rs.getLong("project_id"),
                            ProjectRole.of(rs.getString("role"))));
                });
        return rows.isEmpty() ? Optional.empty() : rows.get(0);
    }
}
