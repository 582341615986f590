package org.tributary.query.secret;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.tributary.query.shared.ReadModelWrites;
import org.tributary.domain.project.api.ProjectSecretDeleted;
import org.tributary.domain.project.api.ProjectSecretSet;
import org.tributary.query.shared.Jsonb;
import org.tributary.query.shared.Projections;
import org.tributary.query.shared.Times;

import java.time.Instant;

/** A project's secrets by name and kind; the sealed value stays in the event store. */
@Component
@ProcessingGroup(Projections.GROUP)
class SecretProjection {

    private final NamedParameterJdbcTemplate jdbc;
    private final ReadModelWrites writes;
    private final Jsonb json;

    SecretProjection(NamedParameterJdbcTemplate jdbc, ReadModelWrites writes, Jsonb json) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.json = json;
    }

    @EventHandler
    void on(ProjectSecretSet event, @Timestamp Instant at) {
        writes.update("""
                INSERT INTO project_secret (project_id, name, kind, node_ids, key_id, updated_at)
                VALUES (:project, :name, :kind, CAST(:nodes AS jsonb), :key, :at)
                ON CONFLICT (project_id, name) DO UPDATE SET kind = EXCLUDED.kind, node_ids = EXCLUDED.node_ids,
                    key_id = EXCLUDED.key_id, updated_at = EXCLUDED.updated_at""",
                new MapSqlParameterSource("project", event.projectId()).addValue("name", event.name())
                        .addValue("kind", event.kind().wireName())
                        .addValue("nodes", event.nodeIds() == null ? null : json.write(event.nodeIds()))
                        .addValue("key", event.value().keyId()).addValue("at", Times.sql(at)));
    }

    @EventHandler
    void on(ProjectSecretDeleted event) {
        writes.update("DELETE FROM project_secret WHERE project_id = :project AND name = :name",
                new MapSqlParameterSource("project", event.projectId()).addValue("name", event.name()));
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcTemplate().execute("TRUNCATE project_secret");
    }
}
