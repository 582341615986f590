package org.tributary.command.routing;

import org.springframework.stereotype.Component;
import org.tributary.command.config.BatchedWrites;
import org.tributary.domain.datapackage.api.PackageCreated;
import org.tributary.domain.job.api.JobInput;
import org.tributary.domain.routing.Router;
import org.tributary.domain.shared.LabelFilter;

import java.util.List;
import java.util.Optional;

/**
 * The packages at each node, as jobs take them as inputs: which package sits where, by label, kept from
 * {@link PackageCreated} by the routing processor (table {@code node_package}); a package's content is read from
 * its own event when a pull link or a request takes it, so routing writes one small row per package.
 */
@Component
public class NodePackages implements Router.Latest {

    /** Rows read at a time while looking for the newest package a filter lets through. */
    static final int PAGE = 64;

    private record Row(long packageId, String label) {
    }

    private final BatchedWrites writes;
    private final CreationEvents creations;

    NodePackages(BatchedWrites writes, CreationEvents creations) {
        this.writes = writes;
        this.creations = creations;
    }

    void keep(PackageCreated event) {
        writes.insert("INSERT INTO node_package (package_id, project_id, node_id, layer_id, label) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", event.packageId(), event.projectId(),
                event.nodeId(), event.layerId(), event.label());
    }

    void forget(long packageId) {
        writes.update("DELETE FROM node_package WHERE package_id = ?", packageId);
    }

    /** Forgets the packages of a project, or of one of its layers (deleted). */
    void forget(long projectId, Long layerId) {
        if (layerId == null) {
            writes.update("DELETE FROM node_package WHERE project_id = ?", projectId);
        } else {
            writes.update("DELETE FROM node_package WHERE project_id = ? AND layer_id = ?", projectId, layerId);
        }
    }

    /** Newest first, a page at a time, until a label passes: most filters let the newest package through. */
    @Override
    public Optional<JobInput> at(long nodeId, long layerId, LabelFilter filter) {
        long below = Long.MAX_VALUE;
        while (true) {
            List<Row> page = writes.read().query("""
                    SELECT package_id, label FROM node_package
                    WHERE node_id = ? AND layer_id = ? AND package_id < ? ORDER BY package_id DESC LIMIT ?""",
                    (rs, i) -> new Row(rs.getLong(1), rs.getString(2)), nodeId, layerId, below, PAGE);
            for (Row candidate : page) {
                if (filter.matches(candidate.label())) {
                    return content(candidate.packageId());
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
        List<Long> here = writes.read().queryForList("SELECT package_id FROM node_package WHERE package_id = ? "
                + "AND project_id = ? AND node_id = ? AND layer_id = ?", Long.class, packageId, projectId, nodeId,
                layerId);
        return here.isEmpty() ? Optional.empty() : content(packageId);
    }

    private Optional<JobInput> content(long packageId) {
        return creations.of(packageId, PackageCreated.class).map(created -> new JobInput(created.packageId(),
                created.label(), created.fields(), created.files()));
    }
}
