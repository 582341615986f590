package org.tributary.query.executor;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.tributary.query.shared.ReadModelWrites;
import org.tributary.domain.executor.api.ExecutorAnnounced;
import org.tributary.domain.executor.api.ExecutorCapabilities;
import org.tributary.domain.executor.api.ExecutorRegistered;
import org.tributary.query.shared.Jsonb;
import org.tributary.query.shared.Projections;
import org.tributary.query.shared.Times;

import java.time.Instant;
import java.util.Map;

@Component
@ProcessingGroup(Projections.GROUP)
class ExecutorProjection {

    private final NamedParameterJdbcTemplate jdbc;
    private final ReadModelWrites writes;
    private final Jsonb json;

    ExecutorProjection(NamedParameterJdbcTemplate jdbc, ReadModelWrites writes, Jsonb json) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.json = json;
    }

    @EventHandler
    void on(ExecutorRegistered event, @Timestamp Instant at) {
        ExecutorCapabilities capabilities = event.capabilities() == null
                ? ExecutorCapabilities.CPU_ONLY : event.capabilities();
        writes.update("""
                INSERT INTO executor (id, label, capabilities, created_at)
                VALUES (:id, :label, CAST(:capabilities AS jsonb), :at)
                ON CONFLICT (id) DO UPDATE SET label = EXCLUDED.label, capabilities = EXCLUDED.capabilities""",
                new MapSqlParameterSource("id", event.executorId()).addValue("label", event.label())
                        .addValue("capabilities", json.write(new ExecutorView.Capabilities(
                                capabilities.gpus() == null ? Map.of() : capabilities.gpus(),
                                capabilities.maxRunningJobs())))
                        .addValue("at", Times.sql(at)));
    }

    @EventHandler
    void on(ExecutorAnnounced event) {
        writes.update("UPDATE executor SET api_url = :url, read_key = :key WHERE id = :id",
                new MapSqlParameterSource("id", event.executorId()).addValue("url", event.apiUrl())
                        .addValue("key", event.readKey()));
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcTemplate().execute("TRUNCATE executor");
    }
}
