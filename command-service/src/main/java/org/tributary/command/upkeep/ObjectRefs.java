package org.tributary.command.upkeep;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.tributary.command.config.BatchedWrites;
import org.springframework.stereotype.Component;
import org.tributary.domain.datapackage.api.PackageCreated;
import org.tributary.domain.datapackage.api.PackageDeleted;
import org.tributary.domain.job.api.JobCalculated;
import org.tributary.domain.job.api.JobSpec;
import org.tributary.domain.job.api.JobDeleted;
import org.tributary.domain.job.api.JobFailed;
import org.tributary.domain.job.api.JobInput;
import org.tributary.domain.job.api.JobLogKept;
import org.tributary.domain.project.api.DataLayerDeleted;
import org.tributary.domain.project.api.NodeDeleted;
import org.tributary.domain.project.api.NodeFileDeleted;
import org.tributary.domain.project.api.NodeFilePut;
import org.tributary.domain.project.api.ProjectDeleted;
import org.tributary.domain.shared.FileRef;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What names each stored object (table {@code object_ref}), kept from the events by the routing processor, in the
 * same transaction as its token: packages, node files, jobs' snapshots and reports. Deletions remove the names;
 * the storage upkeep ({@link StorageUpkeep}) frees the objects no name is left for.
 */
@Component
@ProcessingGroup("routing")
public class ObjectRefs {

    private final BatchedWrites writes;

    ObjectRefs(BatchedWrites writes) {
        this.writes = writes;
    }

    @EventHandler
    void on(PackageCreated event) {
        name(event.projectId(), "package:" + event.packageId(), event.layerId(), event.files());
    }

    @EventHandler
    void on(PackageDeleted event) {
        forget(event.projectId(), "package:" + event.packageId());
    }

    @EventHandler
    void on(NodeFilePut event) {
        String owner = "node:" + event.nodeId() + "/" + event.file().name();
        forget(event.projectId(), owner);
        name(event.projectId(), owner, null, List.of(event.file()));
    }

    @EventHandler
    void on(NodeFileDeleted event) {
        forget(event.projectId(), "node:" + event.nodeId() + "/" + event.name());
    }

    @EventHandler
    void on(NodeDeleted event) {
        writes.update("DELETE FROM object_ref WHERE project_id = ? AND owner LIKE ?", event.projectId(),
                "node:" + event.nodeId() + "/%");
    }

    /**
     * A job's snapshot names its node files and its inputs' files: a restart needs them. Called where jobs are made
     * ({@code JobRecords}), in the same transaction, rather than for every JobCreated on the routing hot path.
     */
    public void jobCreated(long projectId, long jobId, JobSpec spec) {
        List<FileRef> files = new ArrayList<>(spec.nodeFiles());
        for (JobInput input : spec.inputs()) {
            files.addAll(input.files());
        }
        name(projectId, "job:" + jobId, spec.layerId(), files);
    }

    @EventHandler
    void on(JobCalculated event) {
        nameMore(event.projectId(), event.jobId(), event.files());
    }

    @EventHandler
    void on(JobFailed event) {
        nameMore(event.projectId(), event.jobId(), event.files());
    }

    @EventHandler
    void on(JobLogKept event) {
        nameMore(event.projectId(), event.jobId(), event.files());
    }

    @EventHandler
    void on(JobDeleted event) {
        forget(event.projectId(), "job:" + event.jobId());
    }

    @EventHandler
    void on(DataLayerDeleted event) {
        writes.update("DELETE FROM object_ref WHERE project_id = ? AND layer_id = ?", event.projectId(),
                event.layerId());
    }

    @EventHandler
    void on(ProjectDeleted event) {
        writes.update("DELETE FROM object_ref WHERE project_id = ?", event.projectId());
    }

    /** Of these hashes, those something in the project still names. */
    Set<String> named(long projectId, Collection<String> hashes) {
        if (hashes.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(writes.read().queryForList("SELECT DISTINCT sha256 FROM object_ref WHERE project_id = ? "
                + "AND sha256 = ANY (?)", String.class, projectId, hashes.toArray(String[]::new)));
    }

    /** Whether this platform has the project, had it and deleted it, or never had it (another's bucket). */
    enum Standing { LIVE, DELETED, UNKNOWN }

    Standing standing(long projectId) {
        List<String> types = writes.read().queryForList("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND type = 'Project' AND (sequencenumber = 0 OR payloadtype = ?)", String.class,
                Long.toString(projectId), ProjectDeleted.class.getName());
        if (types.isEmpty()) {
            return Standing.UNKNOWN;
        }
        return types.contains(ProjectDeleted.class.getName()) ? Standing.DELETED : Standing.LIVE;
    }

    /** A job's reported files, in its layer as routing knows it; none when its layer or project is gone. */
    private void nameMore(long projectId, long jobId, List<FileRef> files) {
        writes.read().query("SELECT layer_id FROM node_job WHERE job_id = ?", (rs, i) -> rs.getLong(1), jobId).stream()
                .findFirst().ifPresent(layer -> name(projectId, "job:" + jobId, layer, files));
    }

    private void name(long projectId, String owner, Long layerId, List<FileRef> files) {
        if (files.isEmpty()) {
            return;
        }
        // one round trip for all of them: a package or a job's report may name thousands
        writes.insertAll("INSERT INTO object_ref (project_id, owner, sha256, layer_id) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", files.stream().map(file -> new Object[]{projectId, owner, file.sha256(),
                layerId}).toList());
    }

    private void forget(long projectId, String owner) {
        writes.update("DELETE FROM object_ref WHERE project_id = ? AND owner = ?", projectId, owner);
    }
}
