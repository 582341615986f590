package org.tributary.query.access;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.tributary.query.shared.ReadModelWrites;
import org.tributary.domain.project.api.ApiKeyCreated;
import org.tributary.domain.project.api.ApiKeyRevoked;
import org.tributary.domain.project.api.ProjectMemberRemoved;
import org.tributary.domain.project.api.ProjectMemberSet;
import org.tributary.domain.user.api.UserProfileChanged;
import org.tributary.domain.user.api.UserRegistered;
import org.tributary.query.shared.Projections;
import org.tributary.query.shared.Times;

import java.time.Instant;

/** A project's members with their roles, and its API keys with theirs (never a secret: those are no events). */
@Component
@ProcessingGroup(Projections.GROUP)
class AccessProjection {

    private final NamedParameterJdbcTemplate jdbc;
    private final ReadModelWrites writes;

    AccessProjection(NamedParameterJdbcTemplate jdbc, ReadModelWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(ProjectMemberSet event, @Timestamp Instant at) {
        writes.update("""
                INSERT INTO project_member (project_id, user_id, role, updated_at) VALUES (:project, :user, :role, :at)
                ON CONFLICT (project_id, user_id) DO UPDATE SET role = EXCLUDED.role, updated_at = EXCLUDED.updated_at""",
                new MapSqlParameterSource("project", event.projectId()).addValue("user", event.userId())
                        .addValue("role", event.role().wireName()).addValue("at", Times.sql(at)));
    }

    @EventHandler
    void on(ProjectMemberRemoved event) {
        writes.update("DELETE FROM project_member WHERE project_id = :project AND user_id = :user",
                new MapSqlParameterSource("project", event.projectId()).addValue("user", event.userId()));
    }

    @EventHandler
    void on(ApiKeyCreated event, @Timestamp Instant at) {
        writes.update("""
                INSERT INTO api_key (key_id, project_id, name, role, expires_at, created_by, created_at, secret_digest)
                VALUES (:key, :project, :name, :role, :expires, :by, :at, :digest) ON CONFLICT (key_id) DO NOTHING""",
                new MapSqlParameterSource("key", event.keyId()).addValue("project", event.projectId())
                        .addValue("name", event.name()).addValue("role", event.role().wireName())
                        .addValue("expires", event.expiresAt() == null ? null : Times.sql(event.expiresAt()))
                        .addValue("by", event.createdBy()).addValue("at", Times.sql(at))
                        .addValue("digest", event.secretDigest()));
    }

    @EventHandler
    void on(ApiKeyRevoked event, @Timestamp Instant at) {
        writes.update("UPDATE api_key SET revoked_at = COALESCE(revoked_at, :at) WHERE key_id = :key",
                new MapSqlParameterSource("key", event.keyId()).addValue("at", Times.sql(at)));
    }

    /** An account's public names (its login and display name; its e-mail stays out of the read model). */
    @EventHandler
    void on(UserRegistered event) {
        writes.update("""
                INSERT INTO app_user (user_id, login, display_name) VALUES (:user, :login, :name)
                ON CONFLICT (user_id) DO UPDATE SET login = EXCLUDED.login, display_name = EXCLUDED.display_name""",
                new MapSqlParameterSource("user", event.userId()).addValue("login", event.login())
                        .addValue("name", event.displayName()));
    }

    @EventHandler
    void on(UserProfileChanged event) {
        writes.update("UPDATE app_user SET display_name = :name WHERE user_id = :user",
                new MapSqlParameterSource("user", event.userId()).addValue("name", event.displayName()));
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcTemplate().execute("TRUNCATE project_member, api_key, app_user");
    }
}
