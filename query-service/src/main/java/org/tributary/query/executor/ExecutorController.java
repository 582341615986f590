package org.tributary.query.executor;

import org.tributary.access.Access;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.domain.shared.NotFound;
import org.tributary.query.shared.Jsonb;

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
}
