package org.tributary.query.project;

import org.tributary.access.Caller;
import org.tributary.access.Callers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.type.TypeReference;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.tributary.domain.shared.NotFound;
import org.tributary.query.shared.ContainerView;
import org.tributary.query.shared.FileView;
import org.tributary.query.shared.Jsonb;
import org.tributary.query.shared.Times;
import org.tributary.query.storage.ObjectLinks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads projects, their graph and their data layers. A node listing costs a fixed number of queries (nodes, layers,
 * values, inactivity, files of the whole project), however many nodes there are.
 */
@Repository
public class ProjectQueries {

    private static final TypeReference<List<ParameterView>> PARAMETERS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> MAPPING = new TypeReference<>() {
    };

    private final NamedParameterJdbcTemplate jdbc;
    private final Jsonb json;
    private final ObjectLinks links;

    ProjectQueries(NamedParameterJdbcTemplate jdbc, Jsonb json, ObjectLinks links) {
        this.jdbc = jdbc;
        this.json = json;
        this.links = links;
    }

    private final RowMapper<ProjectView> projectRow = (rs, i) -> new ProjectView(rs.getLong("id"),
            rs.getString("name"), rs.getObject("executor_id", Long.class), rs.getLong("version"),
            Times.instant(rs, "created_at"), rs.getBoolean("active"));

    private final RowMapper<DataLayerView> layerRow = (rs, i) -> new DataLayerView(rs.getLong("id"),
            rs.getString("label"), rs.getString("kind"), rs.getBoolean("is_active"), rs.getString("description"),
            "personal".equals(rs.getString("kind")));

    /** The projects {@code caller} may see: an admin every one, a user those they are a member of, a key its own. */
    public List<ProjectView> projects(Caller caller) {
        return switch (caller.kind()) {
            case USER -> caller.admin() ? jdbc.query("SELECT * FROM project ORDER BY id", projectRow)
                    : jdbc.query("SELECT p.* FROM project p JOIN project_member m ON m.project_id = p.id "
                    + "WHERE m.user_id = :user ORDER BY p.id", new MapSqlParameterSource("user", caller.id()), projectRow);
            case API_KEY -> jdbc.query("SELECT * FROM project WHERE id = :id",
                    new MapSqlParameterSource("id", caller.projectId()), projectRow);
            case EXECUTOR, ANONYMOUS -> List.of();
        };
    }

    public ProjectView project(long projectId) {
        return jdbc.query("SELECT * FROM project WHERE id = :id", new MapSqlParameterSource("id", projectId),
                projectRow).stream().findFirst().orElseThrow(() -> new NotFound("project_id",
                "project " + projectId + " does not exist"));
    }

    /** Fails with 404 unless the project exists. */
    public void requireProject(long projectId) {
        project(projectId);
    }

    /** Fails with 404 unless the node exists in the project. */
    public void requireNode(long projectId, long nodeId) {
        Integer found = jdbc.queryForObject("""
                SELECT (SELECT count(*) FROM project WHERE id = :project)
                     + (SELECT count(*) FROM node WHERE id = :node AND project_id = :project)""",
                new MapSqlParameterSource("project", projectId).addValue("node", nodeId), Integer.class);
        if (found == null || found == 0) {
            throw new NotFound("project_id", "project " + projectId + " does not exist");
        }
        if (found == 1) {
            throw new NotFound("node_id", "project " + projectId + " has no node " + nodeId);
        }
    }

    /**
     * The project's layers hidden from the caller, as SQL for {@code NOT IN}: other users' personal layers (the
     * original platform's semantics: a personal layer is its maker's alone; one from before layers named their
     * maker is everyone's). {@link #OTHERS_PERSONAL} is the rule on a {@code data_layer} row (it needs
     * {@code :viewer}, {@link #viewer}); {@link #HIDDEN_LAYERS} applies it to {@code :project}'s layers.
     */
    public static final String OTHERS_PERSONAL = "(kind = 'personal' AND created_by IS NOT NULL"
            + " AND created_by <> :viewer)";
    public static final String HIDDEN_LAYERS = "(SELECT id FROM data_layer WHERE project_id = :project AND "
            + OTHERS_PERSONAL + ")";
    private static final String VISIBLE = " AND NOT " + OTHERS_PERSONAL;

    /** The user a personal layer must belong to, to be seen by this caller; a key sees shared layers only. */
    public static long viewer() {
        Caller caller = Callers.current();
        return caller.isUser() ? caller.id() : -1;
    }

    /** Fails with 404 unless the data layer exists in the project and the caller may see it. */
    public void requireLayer(long projectId, long layerId) {
        List<Long> found = jdbc.queryForList("SELECT id FROM data_layer WHERE id = :id AND project_id = :project"
                        + VISIBLE, new MapSqlParameterSource("id", layerId).addValue("project", projectId)
                        .addValue("viewer", viewer()), Long.class);
        if (found.isEmpty()) {
            throw new NotFound("data_layer_id", "project " + projectId + " has no data layer " + layerId);
        }
    }

    public List<DataLayerView> layers(long projectId) {
        requireProject(projectId);
        return jdbc.query("SELECT * FROM data_layer WHERE project_id = :project" + VISIBLE + " ORDER BY id",
                new MapSqlParameterSource("project", projectId).addValue("viewer", viewer()), layerRow);
    }

    public DataLayerView layer(long projectId, long layerId) {
        requireProject(projectId);
        return jdbc.query("SELECT * FROM data_layer WHERE project_id = :project AND id = :id" + VISIBLE,
                        new MapSqlParameterSource("project", projectId).addValue("id", layerId)
                                .addValue("viewer", viewer()), layerRow)
                .stream().findFirst().orElseThrow(() -> new NotFound("data_layer_id",
                        "project " + projectId + " has no data layer " + layerId));
    }

    public DataLayerView lastLayer(long projectId) {
        requireProject(projectId);
        return jdbc.query("SELECT * FROM data_layer WHERE project_id = :project" + VISIBLE
                                + " ORDER BY id DESC LIMIT 1",
                        new MapSqlParameterSource("project", projectId).addValue("viewer", viewer()), layerRow)
                .stream().findFirst().orElseThrow(() -> new NotFound("data_layer_id",
                        "project " + projectId + " has no data layer"));
    }

    public List<LinkView> links(long projectId) {
        requireProject(projectId);
        return jdbc.query("SELECT * FROM link WHERE project_id = :project ORDER BY id",
                new MapSqlParameterSource("project", projectId),
                (rs, i) -> new LinkView(rs.getLong("id"), rs.getLong("from_node_id"), rs.getLong("to_node_id"),
                        rs.getString("type"), rs.getString("package_filter"),
                        json.read(rs.getString("mapping"), MAPPING)));
    }

    public List<NodeView> nodes(long projectId) {
        requireProject(projectId);
        return assemble(projectId, null);
    }

    public NodeView node(long projectId, long nodeId) {
        requireProject(projectId);
        List<NodeView> nodes = assemble(projectId, nodeId);
        if (nodes.isEmpty()) {
            throw new NotFound("node_id", "project " + projectId + " has no node " + nodeId);
        }
        return nodes.get(0);
    }

    /** The project's nodes (or the one node {@code onlyNodeId}) with their values, activity and files. */
    private List<NodeView> assemble(long projectId, Long onlyNodeId) {
        MapSqlParameterSource params = new MapSqlParameterSource("project", projectId).addValue("node", onlyNodeId);
        String which = onlyNodeId == null ? "" : " AND node_id = :node";

        Map<Long, Map<Long, JsonNode>> values = new HashMap<>();
        jdbc.query("SELECT node_id, layer_id, parameter_values FROM node_parameter_values WHERE project_id = :project"
                + which, params, rs -> {
            values.computeIfAbsent(rs.getLong("node_id"), k -> new TreeMap<>())
                    .put(rs.getLong("layer_id"), json.read(rs.getString("parameter_values"), JsonNode.class));
        });
        Map<Long, Set<Long>> inactive = new HashMap<>();
        jdbc.query("SELECT node_id, layer_id FROM node_inactive_layer WHERE project_id = :project" + which, params,
                rs -> {
                    inactive.computeIfAbsent(rs.getLong("node_id"), k -> new HashSet<>()).add(rs.getLong("layer_id"));
                });
        Map<Long, List<FileView>> files = new HashMap<>();
        jdbc.query("SELECT * FROM node_file WHERE project_id = :project" + which + " ORDER BY node_id, name", params,
                rs -> {
                    String hash = rs.getString("content_hash");
                    files.computeIfAbsent(rs.getLong("node_id"), k -> new ArrayList<>()).add(new FileView(
                            rs.getString("name"), links.download(projectId, hash, rs.getString("name")), hash, rs.getLong("size"),
                            rs.getBoolean("is_executable"), rs.getString("type")));
                });
        List<Long> layers = jdbc.queryForList("SELECT id FROM data_layer WHERE project_id = :project" + VISIBLE
                + " ORDER BY id", new MapSqlParameterSource("project", projectId).addValue("viewer", viewer()),
                Long.class);

        return jdbc.query("SELECT * FROM node WHERE project_id = :project"
                + (onlyNodeId == null ? "" : " AND id = :node") + " ORDER BY id", params, (rs, i) -> {
            long id = rs.getLong("id");
            Set<Long> off = inactive.getOrDefault(id, Set.of());
            return new NodeView(id, rs.getString("label"), rs.getString("kind"), rs.getDouble("x"), rs.getDouble("y"),
                    rs.getObject("executor_id", Long.class),
                    json.read(rs.getString("container"), ContainerView.class),
                    json.read(rs.getString("parameters"), PARAMETERS),
                    values.getOrDefault(id, Map.of()),
                    layers.stream().filter(layer -> !off.contains(layer)).toList(),
                    files.getOrDefault(id, List.of()), rs.getString("processing"));
        });
    }
}
