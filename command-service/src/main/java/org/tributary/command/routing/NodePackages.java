package org.tributary.command.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.tributary.domain.datapackage.api.PackageCreated;
import org.tributary.domain.job.api.JobInput;
import org.tributary.domain.routing.Router;
import org.tributary.domain.shared.FileRef;
import org.tributary.domain.shared.LabelFilter;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The packages at each node, as jobs take them as inputs: kept from {@link PackageCreated} by the routing processor
 * (table {@code node_package}), read by pull links and by requests to process chosen packages.
 */
@Component
public class NodePackages implements Router.Latest {

    /** Rows read at a time while looking for the newest package a filter lets through. */
    static final int PAGE = 64;
    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
    };
    private static final TypeReference<List<FileRef>> FILES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();
    private final RowMapper<JobInput> rows = (rs, i) -> new JobInput(rs.getLong("package_id"), rs.getString("label"),
            read(rs.getString("fields"), FIELDS), read(rs.getString("files"), FILES));

    NodePackages(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void keep(PackageCreated event) {
        try {
            jdbc.update("""
                    INSERT INTO node_package (package_id, project_id, node_id, layer_id, label, fields, files)
                    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", event.packageId(), event.projectId(),
                    event.nodeId(), event.layerId(), event.label(), json.writeValueAsString(event.fields()),
                    json.writeValueAsString(event.files()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void forget(long packageId) {
        jdbc.update("DELETE FROM node_package WHERE package_id = ?", packageId);
    }

    /** Forgets the packages of a project, or of one of its layers (deleted). */
    void forget(long projectId, Long layerId) {
        if (layerId == null) {
            jdbc.update("DELETE FROM node_package WHERE project_id = ?", projectId);
        } else {
            jdbc.update("DELETE FROM node_package WHERE project_id = ? AND layer_id = ?", projectId, layerId);
        }
    }

    /** Newest first, a page at a time, until a label passes: most filters let the newest package through. */
    @Override
    public Optional<JobInput> at(long nodeId, long layerId, LabelFilter filter) {
        long below = Long.MAX_VALUE;
        while (true) {
            List<JobInput> page = jdbc.query("""
                    SELECT package_id, label, fields, files FROM node_package
                    WHERE node_id = ? AND layer_id = ? AND package_id < ? ORDER BY package_id DESC LIMIT ?""",
                    rows, nodeId, layerId, below, PAGE);
            for (JobInput candidate : page) {
                if (filter.matches(candidate.label())) {
                    return Optional.of(candidate);
                }
            }
            if (page.size() < PAGE) {
                return Optional.empty();
            }
            below = page.get(page.size() - 1).packageId();
        }
    }

    /** The package, if it sits at that node of that layer of that project. */
    public Optional<JobInput> find(long projectId, long nodeId, long layerId, long packageId) {
        return jdbc.query("""
                SELECT package_id, label, fields, files FROM node_package
                WHERE package_id = ? AND project_id = ? AND node_id = ? AND layer_id = ?""",
                rows, packageId, projectId, nodeId, layerId).stream().findFirst();
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
