package org.tributary.query.history;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.tributary.query.shared.Jsonb;
import org.tributary.query.shared.Times;

import java.util.List;

/** Reads a project's history lines: for the history's pages and for the live stream. */
@Component
public class HistoryReader {

    private final NamedParameterJdbcTemplate jdbc;
    private final RowMapper<HistoryView> rows;

    HistoryReader(NamedParameterJdbcTemplate jdbc, Jsonb json) {
        this.jdbc = jdbc;
        this.rows = (rs, i) -> new HistoryView(rs.getLong("id"), Times.instant(rs, "at"), rs.getString("type"),
                rs.getString("words"), rs.getObject("node_id", Long.class), rs.getObject("job_id", Long.class),
                rs.getString("principal"), json.read(rs.getString("data"), Jsonb.TREE),
                rs.getObject("project_version", Long.class));
    }

    RowMapper<HistoryView> rows() {
        return rows;
    }

    /** The lines after {@code after}, oldest first, at most {@code limit}. */
    public List<HistoryView> after(long projectId, long after, int limit) {
        return jdbc.query("SELECT * FROM history WHERE project_id = :project AND id > :after ORDER BY id LIMIT :limit",
                new MapSqlParameterSource("project", projectId).addValue("after", after).addValue("limit", limit),
                rows);
    }

    /** The newest line's id, 0 for a project without history. */
    public long last(long projectId) {
        Long last = jdbc.queryForObject("SELECT max(id) FROM history WHERE project_id = :project",
                new MapSqlParameterSource("project", projectId), Long.class);
        return last == null ? 0 : last;
    }
}
