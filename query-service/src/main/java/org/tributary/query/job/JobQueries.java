package org.tributary.query.job;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.tributary.domain.job.api.JobStatus;
import org.tributary.domain.shared.NotFound;
import org.tributary.query.project.ProjectQueries;
import org.tributary.query.shared.ContainerView;
import org.tributary.query.shared.FileView;
import org.tributary.query.shared.Jsonb;
import org.tributary.query.shared.Page;
import org.tributary.query.shared.Paging;
import org.tributary.query.shared.Times;
import org.tributary.query.storage.ObjectLinks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Jobs of a node, newest first, and one job; a page of jobs costs three queries (rows, count, histories). */
@Repository
class JobQueries {

    /** While a job is in one of these, its script (or its Jupyter) may run: the statuses a cancel can stop. */
    static final List<String> JUPYTER_MAY_RUN = java.util.Arrays.stream(JobStatus.values())
            .filter(status -> status.canMoveTo(JobStatus.CANCELLED)).map(JobStatus::wireName).toList();

    private final NamedParameterJdbcTemplate jdbc;
    private final Jsonb json;
    private final ObjectLinks links;
    private final ProjectQueries projects;

    JobQueries(NamedParameterJdbcTemplate jdbc, Jsonb json, ObjectLinks links, ProjectQueries projects) {
        this.jdbc = jdbc;
        this.json = json;
        this.links = links;
        this.projects = projects;
    }

    /** @param statuses the statuses (wire names) of the jobs wanted; all when empty */
    Page<JobView> atNode(long projectId, long nodeId, Long layerId, List<String> statuses, Paging paging) {
        projects.requireNode(projectId, nodeId);
        if (layerId != null) {
            projects.requireLayer(projectId, layerId);
        }
        MapSqlParameterSource params = new MapSqlParameterSource("project", projectId).addValue("node", nodeId)
                .addValue("layer", layerId).addValue("limit", paging.pageSize()).addValue("offset", paging.offset())
                .addValue("viewer", ProjectQueries.viewer()).addValue("statuses", statuses);
        String where = " WHERE project_id = :project AND node_id = :node"
                + (layerId == null ? "" : " AND layer_id = :layer")
                + (statuses.isEmpty() ? "" : " AND status IN (:statuses)") + " AND layer_id NOT IN "
                + ProjectQueries.HIDDEN_LAYERS;
        List<JobView> rows = jdbc.query("SELECT * FROM job" + where + " ORDER BY id DESC LIMIT :limit OFFSET :offset",
                params, row(projectId));
        Long total = jdbc.queryForObject("SELECT count(*) FROM job" + where, params, Long.class);
        Map<Long, List<JobView.StatusEntry>> histories = histories(rows.stream().map(JobView::id).toList());
        List<JobView> items = rows.stream()
                .map(job -> job.with(histories.getOrDefault(job.id(), List.of()), job.files())).toList();
        return new Page<>(items, total == null ? 0 : total);
    }

    JobView one(long projectId, long jobId) {
        projects.requireProject(projectId);
        JobView job = jdbc.query("SELECT * FROM job WHERE id = :id AND project_id = :project AND layer_id NOT IN "
                                + ProjectQueries.HIDDEN_LAYERS, new MapSqlParameterSource("id", jobId)
                                .addValue("project", projectId).addValue("viewer", ProjectQueries.viewer()),
                        row(projectId))
                .stream().findFirst().orElseThrow(() -> new NotFound("job_id",
                        "project " + projectId + " has no job " + jobId));
        List<FileView> files = job.files().stream()
                .map(f -> f.withContent(links.download(projectId, f.contentHash(), f.name()))).toList();
        return job.with(histories(List.of(jobId)).getOrDefault(jobId, List.of()), files);
    }

    /** A job's Jupyter: where it listens, in which project. */
    record Jupyter(long projectId, String url) {
    }

    /** Where the job's Jupyter listens, while it may run: for the gateway's proxy only. */
    java.util.Optional<Jupyter> interactive(long jobId) {
        return jdbc.query("SELECT project_id, interactive_url FROM job WHERE id = :id AND interactive_url IS NOT NULL"
                        + " AND status IN (:running)", new MapSqlParameterSource("id", jobId)
                        .addValue("running", JUPYTER_MAY_RUN),
                (rs, i) -> new Jupyter(rs.getLong("project_id"), rs.getString("interactive_url"))).stream()
                .findFirst();
    }

    private Map<Long, List<JobView.StatusEntry>> histories(List<Long> jobIds) {
        Map<Long, List<JobView.StatusEntry>> result = new HashMap<>();
        if (jobIds.isEmpty()) {
            return result;
        }
        jdbc.query("SELECT * FROM job_status WHERE job_id IN (:jobs) ORDER BY job_id, sequence",
                new MapSqlParameterSource("jobs", jobIds), rs -> {
                    result.computeIfAbsent(rs.getLong("job_id"), k -> new ArrayList<>())
                            .add(new JobView.StatusEntry(rs.getString("status"), Times.instant(rs, "at")));
                });
        return result;
    }

    /** A job without its history; files as stored (no URLs); the log, if uploaded, with its URL. */
    private RowMapper<JobView> row(long projectId) {
        return (rs, i) -> {
            long id = rs.getLong("id");
            List<FileView> files = json.read(rs.getString("files"), Jsonb.FILES);
            return new JobView(id, rs.getLong("node_id"), rs.getLong("layer_id"), rs.getString("status"),
                    rs.getObject("executor_id", Long.class), Times.instant(rs, "claimed_at"),
                    rs.getBoolean("interactive"), List.of(), json.read(rs.getString("inputs"), Jsonb.IDS),
                    json.read(rs.getString("fields"), Jsonb.FIELDS),
                    json.read(rs.getString("container"), ContainerView.class),
                    json.read(rs.getString("outputs"), Jsonb.IDS), rs.getObject("exit_code", Integer.class),
                    rs.getString("error"), rs.getString("message"), rs.getString("image_digest"), files,
                    log(projectId, id, files), Times.instant(rs, "created_at"), Times.instant(rs, "updated_at"),
                    rs.getString("waiting_reason"), rs.getObject("restart_of", Long.class),
                    rs.getString("secrets") == null ? null : json.read(rs.getString("secrets"), Jsonb.NAMES),
                    JobView.interactivePath(id, rs.getString("status"), rs.getString("interactive_url")));
        };
    }

    /** The runner uploads its log as {@code <job id>.log} at the job root. */
    private JobView.LogView log(long projectId, long jobId, List<FileView> files) {
        String name = jobId + ".log";
        return files.stream().filter(f -> f.name().equals(name)).findFirst()
                .map(f -> new JobView.LogView(name, links.download(projectId, f.contentHash())))
                .orElse(null);
    }
}
