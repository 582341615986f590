package org.tributary.query.datapackage;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.tributary.query.shared.ReadModelWrites;
import org.tributary.query.shared.WritePlan;
import org.tributary.domain.datapackage.api.PackageCreated;
import org.tributary.query.shared.FieldValue;
import org.tributary.query.shared.FileView;
import org.tributary.query.shared.Jsonb;
import org.tributary.query.shared.Projections;
import org.tributary.query.shared.Times;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Packages are immutable: one insert per package, plus its lineage edges for descendant search. */
@Component
@ProcessingGroup(Projections.GROUP)
class PackageProjection {

    private final NamedParameterJdbcTemplate jdbc;
    private final ReadModelWrites writes;
    private final Jsonb json;

    PackageProjection(NamedParameterJdbcTemplate jdbc, ReadModelWrites writes, Jsonb json) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.json = json;
    }

    @EventHandler
    void on(PackageCreated event, @Timestamp Instant at) {
        List<Long> parents = event.parents() == null ? List.of() : event.parents();
        List<FileView> files = event.files() == null ? List.of()
                : event.files().stream().map(FileView::of).toList();
        // its fields and lineage after it (package_field refers to it), other packages' rows in any order
        WritePlan.Key pkg = WritePlan.Key.row("package", event.packageId());
        List<FieldValue> fields = FieldValue.list(event.fields(), json);
        writes.update("""
                INSERT INTO package (id, project_id, node_id, layer_id, label, fields, files, parents, origin, job_id,
                    source_package_id, created_at)
                VALUES (:id, :project, :node, :layer, :label, CAST(:fields AS jsonb), CAST(:files AS jsonb),
                    CAST(:parents AS jsonb), :origin, :job, :source, :at)
                ON CONFLICT (id) DO NOTHING""",
                new MapSqlParameterSource("id", event.packageId()).addValue("project", event.projectId())
                        .addValue("node", event.nodeId()).addValue("layer", event.layerId())
                        .addValue("label", event.label() == null ? "" : event.label())
                        .addValue("fields", json.write(fields))
                        .addValue("files", json.write(files)).addValue("parents", json.write(parents))
                        .addValue("origin", event.origin().wireName()).addValue("job", event.jobId())
                        .addValue("source", event.sourcePackageId()).addValue("at", Times.sql(at)), pkg);

        // each field as a row of its own, for the search's field filter
        if (!fields.isEmpty()) {
            writes.updateAll("""
                    INSERT INTO package_field (package_id, node_id, layer_id, name, num, txt)
                    VALUES (:package, :node, :layer, :name, :num, :txt) ON CONFLICT DO NOTHING""", fields.stream()
                    .map(field -> new MapSqlParameterSource("package", event.packageId())
                            .addValue("node", event.nodeId()).addValue("layer", event.layerId())
                            .addValue("name", field.name())
                            .addValue("num", field.value().isNumber() ? field.value().decimalValue() : null,
                                    java.sql.Types.NUMERIC)
                            .addValue("txt", field.value().isNull() ? null : field.value().isValueNode()
                                    ? field.value().asText() : field.value().toString(), java.sql.Types.VARCHAR))
                    .toList(), pkg);
        }

        // a delivered package descends from the output it copies, whatever its parents list says
        Set<Long> lineage = new LinkedHashSet<>(parents);
        if (event.sourcePackageId() != null) {
            lineage.add(event.sourcePackageId());
        }
        if (!lineage.isEmpty()) {
            writes.updateAll("""
                    INSERT INTO package_parent (package_id, parent_id) VALUES (:package, :parent)
                    ON CONFLICT DO NOTHING""", lineage.stream()
                    .map(parent -> new MapSqlParameterSource("package", event.packageId()).addValue("parent", parent))
                    .toList(), pkg);
        }
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcTemplate().execute("TRUNCATE package, package_parent, package_field");
    }
}
