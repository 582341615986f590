package org.tributary.query.access;

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
import org.tributary.query.shared.Times;

import java.time.Instant;
import java.util.List;

/** Who may do what in a project: its members and its API keys (names and roles; a key's secret is never kept). */
@RestController
@Access(value = Access.Rule.PROJECT, role = ProjectRole.VIEWER)
class AccessController {

    private final NamedParameterJdbcTemplate jdbc;
    private final ProjectQueries projects;

    AccessController(NamedParameterJdbcTemplate jdbc, ProjectQueries projects) {
        this.jdbc = jdbc;
        this.projects = projects;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MemberView(long userId, String role, Instant since) {
    }

    /** An account as the original platform's clients read it: {@code username} is its login. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UserView(long id, String username, String displayName) {
    }

    /** A member in the original platform's shape ({@code GET /projects/{p}/users}). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ProjectUserView(long userId, UserView user, String role, Instant since) {
    }

    /** @param revokedAt when it stopped working, else null */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ApiKeyView(long id, String name, String role, Instant expiresAt, long createdBy, Instant createdAt,
                      Instant revokedAt) {
    }

    @GetMapping("/api/projects/{projectId}/members")
    List<MemberView> members(@PathVariable("projectId") long projectId) {
        projects.requireProject(projectId);
        return jdbc.query("SELECT * FROM project_member WHERE project_id = :project ORDER BY user_id",
                new MapSqlParameterSource("project", projectId), (rs, i) -> new MemberView(rs.getLong("user_id"),
                        rs.getString("role"), Times.instant(rs, "updated_at")));
    }

    /**
     * The members with their accounts' names, as the original platform lists a project's users. An account this read
     * model has not seen registered (a read model from before it kept accounts, until its next replay) shows its id
     * as its name.
     */
    @GetMapping("/api/projects/{projectId}/users")
    List<ProjectUserView> users(@PathVariable("projectId") long projectId) {
        projects.requireProject(projectId);
        return jdbc.query("""
                SELECT m.user_id, m.role, m.updated_at, u.login, u.display_name
                FROM project_member m LEFT JOIN app_user u ON u.user_id = m.user_id
                WHERE m.project_id = :project ORDER BY m.user_id""",
                new MapSqlParameterSource("project", projectId), (rs, i) -> {
                    long user = rs.getLong("user_id");
                    String login = rs.getString("login");
                    return new ProjectUserView(user, new UserView(user, login == null ? Long.toString(user) : login,
                            rs.getString("display_name")), rs.getString("role"), Times.instant(rs, "updated_at"));
                });
    }

    @GetMapping("/api/projects/{projectId}/api_keys")
    List<ApiKeyView> apiKeys(@PathVariable("projectId") long projectId) {
        projects.requireProject(projectId);
        return jdbc.query("SELECT * FROM api_key WHERE project_id = :project ORDER BY key_id",
                new MapSqlParameterSource("project", projectId), (rs, i) -> new ApiKeyView(rs.getLong("key_id"),
                        rs.getString("name"), rs.getString("role"), Times.instant(rs, "expires_at"),
                        rs.getLong("created_by"), Times.instant(rs, "created_at"), Times.instant(rs, "revoked_at")));
    }
}
