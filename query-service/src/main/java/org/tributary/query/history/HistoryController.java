package org.tributary.query.history;

import org.tributary.domain.shared.ProjectRole;
import org.tributary.access.Access;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.domain.datapackage.api.PackageCreated;
import org.tributary.domain.job.api.JobEvent;
import org.tributary.domain.project.api.ProjectEvent;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.query.project.ProjectQueries;
import org.tributary.query.shared.Page;
import org.tributary.query.shared.Paging;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** A project's history, newest first: who did what and when, in words and as data; filtered by node and type. */
@RestController
@Access(value = Access.Rule.PROJECT, role = ProjectRole.VIEWER)
class HistoryController {

    /** The event types a history holds: every event that concerns a project. */
    static final Set<String> TYPES = new TreeSet<>(Stream.concat(Stream.concat(
                    Stream.of(ProjectEvent.class.getPermittedSubclasses()),
                    Stream.of(JobEvent.class.getPermittedSubclasses())), Stream.of(PackageCreated.class))
            .map(Class::getSimpleName).toList());

    private final NamedParameterJdbcTemplate jdbc;
    private final HistoryReader reader;
    private final ProjectQueries projects;

    HistoryController(NamedParameterJdbcTemplate jdbc, HistoryReader reader, ProjectQueries projects) {
        this.jdbc = jdbc;
        this.reader = reader;
        this.projects = projects;
    }

    @GetMapping("/api/projects/{projectId}/history")
    Page<HistoryView> history(@PathVariable("projectId") long projectId,
                              @RequestParam(name = "node_id", required = false) Long nodeId,
                              @RequestParam(name = "type", required = false) String type,
                              @RequestParam(name = "page", defaultValue = "1") int page,
                              @RequestParam(name = "page_size", defaultValue = "50") int pageSize) {
        Paging paging = new Paging(page, pageSize);
        if (type != null && !TYPES.contains(type)) {
            throw new InvalidInput("type", "type must be one of the event types: " + String.join(", ", TYPES));
        }
        projects.requireProject(projectId);
        MapSqlParameterSource params = new MapSqlParameterSource("project", projectId).addValue("node", nodeId)
                .addValue("type", type).addValue("limit", paging.pageSize()).addValue("offset", paging.offset());
        String where = " WHERE project_id = :project"
                + (nodeId == null ? "" : " AND (node_id = :node OR job_id IN (SELECT id FROM job"
                        + " WHERE project_id = :project AND node_id = :node))")
                + (type == null ? "" : " AND type = :type");
        List<HistoryView> items = jdbc.query("SELECT * FROM history" + where
                + " ORDER BY id DESC LIMIT :limit OFFSET :offset", params, reader.rows());
        Long total = jdbc.queryForObject("SELECT count(*) FROM history" + where, params, Long.class);
        return new Page<>(items, total == null ? 0 : total);
    }
}
