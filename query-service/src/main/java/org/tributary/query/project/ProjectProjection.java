package org.tributary.query.project;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.tributary.query.shared.ReadModelWrites;
import org.tributary.query.shared.Projections;
import org.tributary.domain.project.api.DataLayerCreated;
import org.tributary.domain.project.api.LinkCreated;
import org.tributary.domain.project.api.LinkDeleted;
import org.tributary.domain.project.api.NodeActivityChanged;
import org.tributary.domain.project.api.NodeContainerChanged;
import org.tributary.domain.project.api.NodeCreated;
import org.tributary.domain.project.api.NodeDeleted;
import org.tributary.domain.project.api.NodeExecutorChanged;
import org.tributary.domain.project.api.NodeProcessingChanged;
import org.tributary.domain.project.api.NodeFileDeleted;
import org.tributary.domain.project.api.NodeFilePut;
import org.tributary.domain.project.api.NodeMoved;
import org.tributary.domain.project.api.NodeParametersDefined;
import org.tributary.domain.project.api.NodeRenamed;
import org.tributary.domain.project.api.ParameterValuesSet;
import org.tributary.domain.project.api.ProjectCreated;
import org.tributary.domain.project.api.ProjectSwitched;
import org.tributary.domain.project.api.ProjectExecutorSet;
import org.tributary.query.shared.ContainerView;
import org.tributary.query.shared.Jsonb;
import org.tributary.query.shared.Times;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Projects the project aggregate's events (graph, data layers, parameters, node files) into the read model.
 * Every write is an idempotent upsert or a targeted update of the rows an event touches.
 */
@Component
@ProcessingGroup(Projections.GROUP)
class ProjectProjection {

    private final NamedParameterJdbcTemplate jdbc;
    private final ReadModelWrites writes;
    private final Jsonb json;

    ProjectProjection(NamedParameterJdbcTemplate jdbc, ReadModelWrites writes, Jsonb json) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.json = json;
    }

    @EventHandler
    void on(ProjectCreated event, @SequenceNumber Long sequence, @Timestamp Instant at) {
        writes.update("""
                INSERT INTO project (id, name, executor_id, version, created_at, created_by)
                VALUES (:id, :name, :executor, :version, :at, :createdBy)
                ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, executor_id = EXCLUDED.executor_id,
                    version = GREATEST(project.version, EXCLUDED.version), created_by = EXCLUDED.created_by""",
                new MapSqlParameterSource("id", event.projectId()).addValue("name", event.name())
                        .addValue("createdBy", event.createdBy())
                        .addValue("executor", event.executorId()).addValue("version", sequence)
                        .addValue("at", Times.sql(at)));
    }

    @EventHandler
    void on(ProjectExecutorSet event) {
        writes.update("UPDATE project SET executor_id = :executor WHERE id = :id",
                new MapSqlParameterSource("id", event.projectId()).addValue("executor", event.executorId()));
    }

    @EventHandler
    void on(DataLayerCreated event, @Timestamp Instant at) {
        writes.update("""
                INSERT INTO data_layer (id, project_id, label, kind, is_active, created_at, created_by, description)
                VALUES (:id, :project, :label, :kind, TRUE, :at, :by, :description)
                ON CONFLICT (id) DO UPDATE SET label = EXCLUDED.label, kind = EXCLUDED.kind""",
                new MapSqlParameterSource("id", event.layerId()).addValue("project", event.projectId())
                        .addValue("description", event.description() == null ? "" : event.description())
                        .addValue("label", event.label()).addValue("kind", event.kind().wireName())
                        .addValue("at", Times.sql(at)).addValue("by", event.createdBy()));
    }

    @EventHandler
    void on(NodeCreated event) {
        writes.update("""
                INSERT INTO node (id, project_id, label, kind, x, y, executor_id, container)
                VALUES (:id, :project, :label, :kind, :x, :y, :executor, CAST(:container AS jsonb))
                ON CONFLICT (id) DO UPDATE SET label = EXCLUDED.label, kind = EXCLUDED.kind, x = EXCLUDED.x,
                    y = EXCLUDED.y, executor_id = EXCLUDED.executor_id, container = EXCLUDED.container""",
                new MapSqlParameterSource("id", event.nodeId()).addValue("project", event.projectId())
                        .addValue("label", event.label()).addValue("kind", event.kind().wireName())
                        .addValue("x", event.x()).addValue("y", event.y())
                        .addValue("executor", event.executorId())
                        .addValue("container", container(event.container() == null ? null
                                : ContainerView.of(event.container()))));
    }

    @EventHandler
    void on(NodeRenamed event) {
        writes.update("UPDATE node SET label = :label WHERE id = :id",
                new MapSqlParameterSource("id", event.nodeId()).addValue("label", event.label()));
    }

    @EventHandler
    void on(NodeContainerChanged event) {
        writes.update("UPDATE node SET container = CAST(:container AS jsonb) WHERE id = :id",
                new MapSqlParameterSource("id", event.nodeId())
                        .addValue("container", container(ContainerView.of(event.container()))));
    }

    @EventHandler
    void on(NodeMoved event) {
        writes.update("UPDATE node SET x = :x, y = :y WHERE id = :id",
                new MapSqlParameterSource("id", event.nodeId()).addValue("x", event.x()).addValue("y", event.y()));
    }

    @EventHandler
    void on(NodeExecutorChanged event) {
        writes.update("UPDATE node SET executor_id = :executor WHERE id = :id",
                new MapSqlParameterSource("id", event.nodeId()).addValue("executor", event.executorId()));
    }

    @EventHandler
    void on(org.tributary.domain.project.api.DataLayerUpdated event) {
        writes.update("""
                UPDATE data_layer SET label = :label, description = :description, is_active = :active, kind = :kind,
                    created_by = :by WHERE id = :id""", new MapSqlParameterSource("id", event.layerId())
                .addValue("label", event.label()).addValue("description", event.description())
                .addValue("active", event.active()).addValue("kind", event.kind().wireName())
                .addValue("by", event.createdBy()));
    }

    @EventHandler
    void on(ProjectSwitched event) {
        writes.update("UPDATE project SET active = :active WHERE id = :id",
                new MapSqlParameterSource("id", event.projectId()).addValue("active", event.active()));
    }

    @EventHandler
    void on(NodeProcessingChanged event) {
        writes.update("UPDATE node SET processing = :processing WHERE id = :id",
                new MapSqlParameterSource("id", event.nodeId()).addValue("processing", event.processing().wireName()));
    }

    @EventHandler
    void on(NodeDeleted event) {
        MapSqlParameterSource node = new MapSqlParameterSource("id", event.nodeId());
        writes.update("DELETE FROM link WHERE from_node_id = :id OR to_node_id = :id", node);
        writes.update("DELETE FROM node_file WHERE node_id = :id", node);
        writes.update("DELETE FROM node_parameter_values WHERE node_id = :id", node);
        writes.update("DELETE FROM node_inactive_layer WHERE node_id = :id", node);
        writes.update("DELETE FROM node WHERE id = :id", node);
    }

    @EventHandler
    void on(NodeParametersDefined event) {
        List<ParameterView> parameters = event.parameters().stream().map(p -> ParameterView.of(p, json)).toList();
        Map<String, String> types = new LinkedHashMap<>();
        event.parameters().forEach(p -> types.put(p.name(), p.type().wireName()));
        MapSqlParameterSource params = new MapSqlParameterSource("id", event.nodeId())
                .addValue("parameters", json.write(parameters)).addValue("types", json.write(types));
        writes.update("UPDATE node SET parameters = CAST(:parameters AS jsonb) WHERE id = :id", params);
        // as in the Project aggregate: values of parameters that no longer exist, or that no longer suit their
        // parameter's type, no longer reach jobs (null suits every type)
        writes.update("""
                UPDATE node_parameter_values v SET parameter_values = (
                    SELECT COALESCE(jsonb_object_agg(e.key, e.value), '{}'::jsonb)
                    FROM jsonb_each(v.parameter_values) e
                    JOIN jsonb_each_text(CAST(:types AS jsonb)) t ON t.key = e.key
                    WHERE CASE
                        WHEN jsonb_typeof(e.value) = 'null' THEN TRUE
                        WHEN t.value IN ('string', 'date') THEN jsonb_typeof(e.value) = 'string'
                        WHEN t.value IN ('number', 'slider') THEN jsonb_typeof(e.value) = 'number'
                        WHEN t.value = 'toggle' THEN jsonb_typeof(e.value) = 'boolean'
                        WHEN t.value = 'range' AND jsonb_typeof(e.value) = 'array' THEN
                            jsonb_array_length(e.value) = 2 AND NOT EXISTS (
                                SELECT 1 FROM jsonb_array_elements(e.value) x WHERE jsonb_typeof(x) <> 'number')
                        ELSE FALSE END)
                WHERE v.node_id = :id""", params);
    }

    @EventHandler
    void on(ParameterValuesSet event) {
        writes.update("""
                INSERT INTO node_parameter_values (node_id, layer_id, project_id, parameter_values)
                VALUES (:node, :layer, :project, CAST(:values AS jsonb))
                ON CONFLICT (node_id, layer_id) DO UPDATE
                    SET parameter_values = node_parameter_values.parameter_values || EXCLUDED.parameter_values""",
                new MapSqlParameterSource("node", event.nodeId()).addValue("layer", event.layerId())
                        .addValue("project", event.projectId()).addValue("values", json.write(event.values())));
    }

    @EventHandler
    void on(NodeFilePut event) {
        writes.update("""
                INSERT INTO node_file (node_id, name, project_id, content_hash, size, is_executable, type)
                VALUES (:node, :name, :project, :hash, :size, :executable, :type)
                ON CONFLICT (node_id, name) DO UPDATE SET content_hash = EXCLUDED.content_hash,
                    size = EXCLUDED.size, is_executable = EXCLUDED.is_executable, type = EXCLUDED.type""",
                new MapSqlParameterSource("node", event.nodeId()).addValue("name", event.file().name())
                        .addValue("project", event.projectId()).addValue("hash", event.file().sha256())
                        .addValue("size", event.file().size()).addValue("executable", event.file().executable())
                        .addValue("type", event.file().contentType()));
    }

    @EventHandler
    void on(NodeFileDeleted event) {
        writes.update("DELETE FROM node_file WHERE node_id = :node AND name = :name",
                new MapSqlParameterSource("node", event.nodeId()).addValue("name", event.name()));
    }

    @EventHandler
    void on(LinkCreated event) {
        writes.update("""
                INSERT INTO link (id, project_id, from_node_id, to_node_id, type, package_filter, mapping)
                VALUES (:id, :project, :from, :to, :type, :filter, CAST(:mapping AS jsonb))
                ON CONFLICT (id) DO UPDATE SET from_node_id = EXCLUDED.from_node_id, to_node_id = EXCLUDED.to_node_id,
                    type = EXCLUDED.type, package_filter = EXCLUDED.package_filter, mapping = EXCLUDED.mapping""",
                new MapSqlParameterSource("id", event.linkId()).addValue("project", event.projectId())
                        .addValue("from", event.fromNodeId()).addValue("to", event.toNodeId())
                        .addValue("type", event.type().wireName())
                        .addValue("filter", event.packageFilter() == null ? "" : event.packageFilter().regex())
                        .addValue("mapping", json.write(event.mapping() == null ? Map.of()
                                : event.mapping().asMap())));
    }

    @EventHandler
    void on(LinkDeleted event) {
        writes.update("DELETE FROM link WHERE id = :id", new MapSqlParameterSource("id", event.linkId()));
    }

    @EventHandler
    void on(NodeActivityChanged event) {
        MapSqlParameterSource params = new MapSqlParameterSource("node", event.nodeId())
                .addValue("layer", event.layerId()).addValue("project", event.projectId());
        if (event.active()) {
            writes.update("DELETE FROM node_inactive_layer WHERE node_id = :node AND layer_id = :layer", params);
        } else {
            writes.update("""
                    INSERT INTO node_inactive_layer (node_id, layer_id, project_id) VALUES (:node, :layer, :project)
                    ON CONFLICT DO NOTHING""", params);
        }
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcTemplate().execute("""
                TRUNCATE project, data_layer, node, node_parameter_values, node_inactive_layer, node_file, link""");
    }

    private String container(ContainerView container) {
        return container == null ? null : json.write(container);
    }
}
