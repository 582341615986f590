package org.tributary.query.datapackage;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.tributary.domain.shared.NotFound;
import org.tributary.query.project.ProjectQueries;
import org.tributary.query.shared.FileView;
import org.tributary.query.shared.Jsonb;
import org.tributary.query.shared.Page;
import org.tributary.query.shared.Paging;
import org.tributary.query.shared.Times;
import org.tributary.query.storage.ObjectLinks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Packages at a node, newest first; one package and its files; descendants of a package. */
@Repository
class PackageQueries {

    /** Every package reachable from :master through lineage edges; UNION folds diamonds (two paths, one package). */
    private static final String DESCENDANTS = """
            WITH RECURSIVE descendant(id) AS (
                SELECT package_id FROM package_parent WHERE parent_id = :master
                UNION
                SELECT e.package_id FROM package_parent e JOIN descendant d ON e.parent_id = d.id
            )
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final Jsonb json;
    private final ObjectLinks links;
    private final ProjectQueries projects;

    PackageQueries(NamedParameterJdbcTemplate jdbc, Jsonb json, ObjectLinks links, ProjectQueries projects) {
        this.jdbc = jdbc;
        this.json = json;
        this.links = links;
        this.projects = projects;
        this.packageRow = (rs, i) -> row(rs);
    }

    private final RowMapper<PackageView> packageRow;

    private PackageView row(ResultSet rs) throws SQLException {
        return new PackageView(rs.getLong("id"),
            rs.getString("label"), json.read(rs.getString("fields"), Jsonb.FIELDS),
            json.read(rs.getString("files"), Jsonb.FILES), json.read(rs.getString("parents"), Jsonb.IDS),
            rs.getString("origin"), rs.getObject("job_id", Long.class), rs.getObject("source_package_id", Long.class),
            Times.instant(rs, "created_at"), rs.getLong("node_id"), rs.getLong("layer_id"));
    }

    Page<PackageView> atNode(long projectId, long nodeId, Long layerId, Paging paging) {
        return atNode(projectId, nodeId, layerId, paging, true);
    }

    Page<PackageView> atNode(long projectId, long nodeId, Long layerId, Paging paging, boolean newestFirst) {
        MapSqlParameterSource params = scope(projectId, nodeId, layerId, paging);
        String where = " WHERE p.project_id = :project AND p.node_id = :node"
                + (layerId == null ? "" : " AND p.layer_id = :layer")
                + " AND p.layer_id NOT IN " + ProjectQueries.HIDDEN_LAYERS;
        List<PackageView> items = jdbc.query("SELECT p.* FROM package p" + where
                + " ORDER BY p.id " + (newestFirst ? "DESC" : "ASC") + " LIMIT :limit OFFSET :offset", params,
                packageRow);
        Long total = jdbc.queryForObject("SELECT count(*) FROM package p" + where, params, Long.class);
        return new Page<>(items, total == null ? 0 : total);
    }

    Page<PackageView> search(long projectId, long nodeId, Long layerId, Paging paging, SearchRequest request) {
        MapSqlParameterSource params = scope(projectId, nodeId, layerId, paging);
        String with = "";
        String join = "";
        String order = SearchFilters.order(request.sortBy(), request.newestFirst());
        String field = SearchFilters.field(request, params);
        String jobs = SearchFilters.jobs(request, params);
        if (request.masterId() != 0) {
            params.addValue("master", request.masterId());
            List<Long> master = jdbc.queryForList("SELECT id FROM package WHERE id = :master "
                    + "AND project_id = :project", params, Long.class);
            if (master.isEmpty()) {
                // nothing descends from it here, yet: a client that posted the master a moment ago polls this
                // search until its result appears (shared/contract/user-api.md), before the read model has it
                return new Page<>(List.of(), 0);
            }
            with = DESCENDANTS;
            join = " JOIN descendant d ON d.id = p.id";
        }
        String layers = (layerId == null ? "" : " AND %1$s.layer_id = :layer") + " AND %1$s.layer_id NOT IN "
                + ProjectQueries.HIDDEN_LAYERS;
        String from = " FROM package p" + join + " WHERE p.project_id = :project AND p.node_id = :node"
                + layers.formatted("p") + SearchFilters.fieldOfPackage(field) + jobs;
        List<PackageView> items = jdbc.query(with + "SELECT p.*" + from + order + " LIMIT :limit OFFSET :offset",
                params, packageRow);
        // a field filter alone is counted on the field rows' index (the node is the project's: checked above)
        String count = !field.isEmpty() && with.isEmpty() && jobs.isEmpty()
                ? "SELECT count(*)" + SearchFilters.FIELD_ROWS + layers.formatted("f") + " AND " + field
                : with + "SELECT count(*)" + from;
        Long total = jdbc.queryForObject(count, params, Long.class);
        return new Page<>(items, total == null ? 0 : total);
    }

    PackageView one(long projectId, long nodeId, long packageId) {
        projects.requireNode(projectId, nodeId);
        return jdbc.query("SELECT * FROM package WHERE id = :id AND project_id = :project AND node_id = :node"
                                + " AND layer_id NOT IN " + ProjectQueries.HIDDEN_LAYERS,
                        new MapSqlParameterSource("id", packageId).addValue("project", projectId)
                                .addValue("node", nodeId).addValue("viewer", ProjectQueries.viewer()), packageRow)
                .stream().findFirst().orElseThrow(() -> new NotFound("package_id",
                        "node " + nodeId + " of project " + projectId + " has no package " + packageId));
    }

    /** The package's files, each with a presigned GET URL in {@code content}. */
    List<FileView> files(long projectId, long nodeId, long packageId) {
        return one(projectId, nodeId, packageId).files().stream()
                .map(file -> file.withContent(links.download(projectId, file.contentHash(), file.name())))
                .toList();
    }

    private MapSqlParameterSource scope(long projectId, long nodeId, Long layerId, Paging paging) {
        projects.requireNode(projectId, nodeId);
        if (layerId != null) {
            projects.requireLayer(projectId, layerId);
        }
        return new MapSqlParameterSource("project", projectId).addValue("node", nodeId).addValue("layer", layerId)
                .addValue("limit", paging.pageSize()).addValue("offset", paging.offset())
                .addValue("viewer", ProjectQueries.viewer());
    }
}
