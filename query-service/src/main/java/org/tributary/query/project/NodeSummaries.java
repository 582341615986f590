package org.tributary.query.project;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import org.tributary.domain.shared.NotFound;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What each node of a project holds in one data layer: the editor's badges. Counted by node and layer, as the
 * tables' indexes are laid out.
 */
@Component
class NodeSummaries {

    /**
     * @param packages the packages at the node in the layer
     * @param waiting  of those that came to the node (uploaded or delivered), the ones no job at the node was made
     *                 from yet (a manual node's, a held upload's); what the node's own jobs produced never waits
     * @param jobs     the node's jobs in the layer by status (the job API's names: Created, Queued, Started, …)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record NodeSummary(long nodeId, long packages, long waiting, Map<String, Long> jobs) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    NodeSummaries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The master package and every package reachable from it through lineage edges. */
    private static final String LINEAGE = """
            WITH RECURSIVE lineage(id) AS (
                SELECT CAST(:master AS BIGINT)
                UNION
                SELECT e.package_id FROM package_parent e JOIN lineage l ON e.parent_id = l.id
            )
            """;

    /** One summary per node of the project, nodes without packages or jobs included (zeros). */
    List<NodeSummary> of(long projectId, long layerId) {
        return of(projectId, layerId, null);
    }

    /**
     * As {@link #of(long, long)}, counting only the lineage of a master package when one is given: that package and
     * those made from it, and the jobs that took one of them as an input (the original platform's master filter).
     */
    List<NodeSummary> of(long projectId, long layerId, Long masterId) {
        MapSqlParameterSource params = new MapSqlParameterSource("project", projectId).addValue("layer", layerId)
                .addValue("master", masterId);
        if (masterId != null) {
            Long found = jdbc.queryForObject("SELECT count(*) FROM package WHERE id = :master AND project_id = :project"
                    + " AND layer_id NOT IN " + ProjectQueries.HIDDEN_LAYERS,
                    params.addValue("viewer", ProjectQueries.viewer()), Long.class);
            if (found == null || found == 0) {
                throw new NotFound("master_id", "project " + projectId + " has no package " + masterId);
            }
        }
        String with = masterId == null ? "" : LINEAGE;
        String packageInLineage = masterId == null ? "" : " AND id IN (SELECT id FROM lineage)";
        String jobInLineage = masterId == null ? "" : " AND EXISTS (SELECT 1 FROM jsonb_array_elements_text(inputs)"
                + " AS i(id) WHERE CAST(i.id AS BIGINT) IN (SELECT id FROM lineage))";
        Map<Long, long[]> packages = new TreeMap<>();
        jdbc.query(with + """
                SELECT node_id, count(*) AS packages, count(*) FILTER (WHERE child_jobs = 0 AND origin <> 'produced') AS waiting
                FROM package WHERE node_id IN (SELECT id FROM node WHERE project_id = :project) AND layer_id = :layer
                """ + packageInLineage + " GROUP BY node_id", params,
                rs -> {
                    packages.put(rs.getLong("node_id"), new long[] {rs.getLong("packages"), rs.getLong("waiting")});
                });
        Map<Long, Map<String, Long>> jobs = new TreeMap<>();
        jdbc.query(with + """
                SELECT node_id, status, count(*) AS n FROM job
                WHERE node_id IN (SELECT id FROM node WHERE project_id = :project) AND layer_id = :layer
                """ + jobInLineage + " GROUP BY node_id, status", params,
                rs -> {
                    jobs.computeIfAbsent(rs.getLong("node_id"), id -> new TreeMap<>())
                            .put(rs.getString("status"), rs.getLong("n"));
                });
        List<NodeSummary> answer = new ArrayList<>();
        for (Long nodeId : jdbc.queryForList("SELECT id FROM node WHERE project_id = :project ORDER BY id", params,
                Long.class)) {
            long[] counts = packages.getOrDefault(nodeId, new long[2]);
            answer.add(new NodeSummary(nodeId, counts[0], counts[1], jobs.getOrDefault(nodeId, Map.of())));
        }
        return answer;
    }
}
