package org.tributary.query.secret;

import org.tributary.domain.shared.ProjectRole;
import org.tributary.access.Access;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.query.project.ProjectQueries;
import org.tributary.query.shared.Jsonb;
import org.tributary.query.shared.Times;

import java.time.Instant;
import java.util.List;

/** A project's secrets: names, kinds, the nodes they are granted to; values are write-only. */
@RestController
@Access(value = Access.Rule.PROJECT, role = ProjectRole.VIEWER)
class SecretController {

    private final NamedParameterJdbcTemplate jdbc;
    private final Jsonb json;
    private final ProjectQueries projects;

    SecretController(NamedParameterJdbcTemplate jdbc, Jsonb json, ProjectQueries projects) {
        this.jdbc = jdbc;
        this.json = json;
        this.projects = projects;
    }

    @GetMapping("/api/projects/{projectId}/secrets")
    List<SecretView> secrets(@PathVariable long projectId) {
        projects.requireProject(projectId);
        MapSqlParameterSource params = new MapSqlParameterSource("project", projectId);
        return jdbc.query("SELECT * FROM project_secret WHERE project_id = :project ORDER BY name", params,
                (rs, i) -> new SecretView(rs.getString("name"), rs.getString("kind"),
                        rs.getString("node_ids") == null ? null : json.read(rs.getString("node_ids"), Jsonb.IDS),
                        rs.getString("key_id"), Times.instant(rs, "updated_at")));
    }

    /** @param nodeIds the nodes whose jobs get it; {@code null} for every node */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SecretView(String name, String kind, List<Long> nodeIds, String keyId, Instant updatedAt) {
    }
}
