package org.tributary.query.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.tributary.domain.project.api.ProjectSecretSet;
import org.tributary.domain.shared.ProjectScoped;
import org.tributary.query.shared.Jsonb;
import org.tributary.query.shared.Projections;
import org.tributary.query.shared.Times;

import java.time.Instant;

/**
 * Every event that concerns a project becomes a line of its history ({@link HistoryEntries}), with the event as
 * data (a secret's sealed value left out) and the acting principal from the event's metadata
 * ({@value #PRINCIPAL}), when the writer named one.
 */
@Component
@ProcessingGroup(Projections.GROUP)
class HistoryProjection {

    /** The metadata key command-service writes the acting principal under ({@code user:7}, {@code key:3}…). */
    static final String PRINCIPAL = "principal";

    private final NamedParameterJdbcTemplate jdbc;
    private final Jsonb json;

    HistoryProjection(NamedParameterJdbcTemplate jdbc, Jsonb json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(ProjectScoped event, MetaData metaData, @Timestamp Instant at) {
        HistoryEntries.Entry entry = HistoryEntries.of(event);
        Object principal = metaData.get(PRINCIPAL);
        jdbc.update("""
                INSERT INTO history (project_id, at, type, words, node_id, job_id, principal, data)
                VALUES (:project, :at, :type, :words, :node, :job, :principal, CAST(:data AS jsonb))""",
                new MapSqlParameterSource("project", event.projectId()).addValue("at", Times.sql(at))
                        .addValue("type", entry.type()).addValue("words", entry.words())
                        .addValue("node", entry.nodeId()).addValue("job", entry.jobId())
                        .addValue("principal", principal == null ? null : principal.toString())
                        .addValue("data", json.write(data(event))));
    }

    private Object data(ProjectScoped event) {
        if (event instanceof ProjectSecretSet) {
            ObjectNode tree = (ObjectNode) json.tree(event);
            tree.remove("value");
            return tree;
        }
        return event;
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcTemplate().execute("TRUNCATE history RESTART IDENTITY");
    }
}
