package org.tributary.command.routing;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;
import org.tributary.command.config.BatchedWrites;
import org.tributary.domain.job.api.JobCancelled;
import org.tributary.domain.job.api.JobCreated;
import org.tributary.domain.job.api.JobDied;
import org.tributary.domain.job.api.JobDeleted;
import org.tributary.domain.datapackage.api.PackageDeleted;
import org.tributary.domain.job.api.JobFailed;
import org.tributary.domain.job.api.JobInput;
import org.tributary.domain.job.api.JobSpec;
import org.tributary.domain.job.api.JobProcessed;
import org.tributary.domain.job.api.JobStatus;

import java.util.List;

/**
 * The jobs at each node and how they ended (table {@code node_job}), kept by the routing processor so that a
 * request to re-run a node's jobs finds them in the same order of events as everything else routing does.
 */
@Component
@ProcessingGroup(RoutingPolicy.PROCESSOR)
public class NodeJobs {

    private final BatchedWrites writes;
    private final CreationEvents creations;

    NodeJobs(BatchedWrites writes, CreationEvents creations) {
        this.writes = writes;
        this.creations = creations;
    }

    /** A job that ended in {@code status}, and the inputs it ran on. */
    record Ended(long jobId, List<JobInput> inputs) {
    }

    /** A job made (by routing, or a user's restart): {@code ended} when it failed at once (no executor). */
    void created(long jobId, long projectId, JobSpec spec, boolean held, String ended) {
        writes.insert("""
                INSERT INTO node_job (job_id, project_id, node_id, layer_id, input_ids, dispatched, ended)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", jobId, projectId, spec.nodeId(),
                spec.layerId(), spec.inputs().stream().map(JobInput::packageId).toArray(Long[]::new), !held,
                new org.springframework.jdbc.core.SqlParameterValue(java.sql.Types.VARCHAR, ended));
    }

    @EventHandler
    void on(JobProcessed event) {
        ended(event.jobId(), JobStatus.PROCESSED);
    }

    @EventHandler
    void on(JobFailed event) {
        ended(event.jobId(), JobStatus.ERROR);
    }

    @EventHandler
    void on(JobDied event) {
        ended(event.jobId(), JobStatus.DEAD);
    }

    @EventHandler
    void on(JobCancelled event) {
        ended(event.jobId(), JobStatus.CANCELLED);
    }

    @EventHandler
    void on(JobDeleted event) {
        writes.update("DELETE FROM node_job WHERE job_id = ?", event.jobId());
    }

    private void ended(long jobId, JobStatus status) {
        writes.update("UPDATE node_job SET ended = ? WHERE job_id = ?", status.wireName(), jobId);
    }

    /** Whether the job's deletion is in the event store already (a user's, not yet seen by routing). */
    boolean deletedAlready(long jobId) {
        return Boolean.TRUE.equals(writes.read().queryForObject("SELECT EXISTS (SELECT 1 FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND payloadtype = ?)", Boolean.class, Long.toString(jobId),
                JobDeleted.class.getName()));
    }

    /** The jobs at the package's node that took it as an input. */
    List<Long> madeFrom(PackageDeleted deleted) {
        return writes.read().queryForList("SELECT job_id FROM node_job WHERE input_ids @> ARRAY[?]::bigint[] "
                + "AND node_id = ? ORDER BY job_id", Long.class, deleted.packageId(), deleted.nodeId());
    }

    /** The jobs of a project, or of one of its layers, that have not ended. */
    List<Long> running(long projectId, Long layerId) {
        return layerId == null
                ? writes.read().queryForList("SELECT job_id FROM node_job WHERE project_id = ? AND ended IS NULL "
                + "ORDER BY job_id", Long.class, projectId)
                : writes.read().queryForList("SELECT job_id FROM node_job WHERE project_id = ? AND layer_id = ? "
                + "AND ended IS NULL ORDER BY job_id", Long.class, projectId, layerId);
    }

    /** Forgets the jobs of a project, or of one of its layers (deleted). */
    void forget(long projectId, Long layerId) {
        if (layerId == null) {
            writes.update("DELETE FROM node_job WHERE project_id = ?", projectId);
        } else {
            writes.update("DELETE FROM node_job WHERE project_id = ? AND layer_id = ?", projectId, layerId);
        }
    }

    /** Held jobs sent on their way (DispatchJob): no longer held. */
    void dispatched(List<Long> jobIds) {
        writes.update("UPDATE node_job SET dispatched = true WHERE job_id = ANY (?)",
                (Object) jobIds.toArray(Long[]::new));
    }

    /** The project's jobs held while it was off (made, not dispatched, not ended), oldest first. */
    List<Long> held(long projectId) {
        return writes.read().queryForList("SELECT job_id FROM node_job WHERE project_id = ? AND NOT dispatched "
                + "AND ended IS NULL ORDER BY job_id", Long.class, projectId);
    }

    /** The node's jobs in the layer that ended in {@code status}, oldest first, with the inputs they ran on. */
    List<Ended> endedIn(long nodeId, long layerId, JobStatus status) {
        return endedIds(nodeId, layerId, status).stream().map(id -> new Ended(id, inputs(id))).toList();
    }

    /** The ids of the node's jobs in the layer that ended in {@code status}, oldest first. */
    public List<Long> endedIds(long nodeId, long layerId, JobStatus status) {
        return writes.read().queryForList("SELECT job_id FROM node_job WHERE node_id = ? AND layer_id = ? "
                + "AND ended = ? ORDER BY job_id", Long.class, nodeId, layerId, status.wireName());
    }

    /** A job's inputs, from its JobCreated event. */
    private List<JobInput> inputs(long jobId) {
        return creations.of(jobId, JobCreated.class).map(created -> created.spec().inputs()).orElse(List.of());
    }
}
