package org.tributary.query.executor;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.tributary.access.Access;
import org.tributary.access.Caller;
import org.tributary.access.Callers;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.domain.job.api.JobStatus;
import org.tributary.domain.shared.NotFound;
import org.tributary.query.project.ProjectQueries;
import org.tributary.query.shared.Jsonb;
import org.tributary.query.shared.Times;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The registered executors (their credentials are not part of the read model). */
@RestController
@RequestMapping("/api/executors")
@Access(Access.Rule.USER)
class ExecutorController {

    private final NamedParameterJdbcTemplate jdbc;
    private final RowMapper<ExecutorView> row;

    ExecutorController(NamedParameterJdbcTemplate jdbc, Jsonb json) {
        this.jdbc = jdbc;
        this.row = (rs, i) -> new ExecutorView(rs.getLong("id"), rs.getString("label"),
                json.read(rs.getString("capabilities"), ExecutorView.Capabilities.class));
    }

    @GetMapping
    List<ExecutorView> executors() {
        return jdbc.query("SELECT * FROM executor ORDER BY id", row);
    }

    @GetMapping("/{executorId}")
    ExecutorView executor(@PathVariable("executorId") long executorId) {
        return jdbc.query("SELECT * FROM executor WHERE id = :id", new MapSqlParameterSource("id", executorId), row)
                .stream().findFirst()
                .orElseThrow(() -> new NotFound("executor_id", "executor " + executorId + " does not exist"));
    }

    /**
     * The jobs dispatched to the executor that have not ended (waiting, starting or running), newest first (at most {@value #MAX_RUNNING}), of the projects
     * the caller may see (an admin: every one; a user: theirs; a key: its own), other users' personal layers left out.
     */
    @GetMapping("/{executorId}/jobs")
    List<RunningJob> running(@PathVariable("executorId") long executorId) {
        executor(executorId);
        Caller caller = Callers.current();
        String visible = switch (caller.kind()) {
            case USER -> caller.admin() ? "" : " AND j.project_id IN (SELECT project_id FROM project_member"
                    + " WHERE user_id = :caller)";
            case API_KEY -> " AND j.project_id = :caller_project";
            case EXECUTOR, ANONYMOUS -> " AND false";
        };
        MapSqlParameterSource params = new MapSqlParameterSource("executor", executorId)
                .addValue("running", RUNNING).addValue("caller", caller.id())
                .addValue("caller_project", caller.kind() == Caller.Kind.API_KEY ? caller.projectId() : null)
                .addValue("viewer", ProjectQueries.viewer()).addValue("max", MAX_RUNNING);
        return jdbc.query("SELECT j.id, j.project_id, j.node_id, j.status, j.claimed_at FROM job j"
                + " WHERE j.executor_id = :executor AND j.status IN (:running)" + visible
                + " AND j.layer_id NOT IN (SELECT id FROM data_layer WHERE project_id = j.project_id AND "
                + ProjectQueries.OTHERS_PERSONAL + ")"
                + " ORDER BY j.id DESC LIMIT :max", params, (rs, i) -> new RunningJob(rs.getLong("id"),
                rs.getLong("project_id"), rs.getLong("node_id"), rs.getString("status"),
                Times.instant(rs, "claimed_at")));
    }

    static final int MAX_RUNNING = 500;
    private static final List<String> RUNNING = Arrays.stream(JobStatus.values())
            .filter(status -> !status.isTerminal()).map(JobStatus::wireName).toList();

    /** A job an executor is running (or holds, waiting to start it). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RunningJob(long id, long projectId, long nodeId, String status, Instant claimedAt) {
    }
}
