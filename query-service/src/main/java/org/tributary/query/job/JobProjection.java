package org.tributary.query.job;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.tributary.query.shared.ReadModelWrites;
import org.tributary.query.shared.WritePlan;
import org.tributary.domain.job.api.JobCalculated;
import org.tributary.domain.job.api.JobCancelled;
import org.tributary.domain.job.api.JobClaimed;
import org.tributary.domain.job.api.JobCreated;
import org.tributary.domain.job.api.JobDispatched;
import org.tributary.domain.job.api.JobDied;
import org.tributary.domain.job.api.JobFailed;
import org.tributary.domain.job.api.JobInput;
import org.tributary.domain.job.api.JobInteractiveOpened;
import org.tributary.domain.job.api.JobLogKept;
import org.tributary.domain.job.api.JobOutput;
import org.tributary.domain.job.api.JobProcessed;
import org.tributary.domain.job.api.JobProduced;
import org.tributary.domain.job.api.JobSpec;
import org.tributary.domain.job.api.JobStatus;
import org.tributary.domain.job.api.JobStatusReported;
import org.tributary.domain.job.api.JobUploaded;
import org.tributary.domain.job.api.JobWaiting;
import org.tributary.query.shared.ContainerView;
import org.tributary.query.shared.FieldValue;
import org.tributary.query.shared.FileView;
import org.tributary.query.shared.Jsonb;
import org.tributary.query.shared.Projections;
import org.tributary.query.shared.Times;

import java.time.Instant;
import java.util.List;

/**
 * One row per job plus its status history. Each status event updates the row and adds a history entry keyed by
 * the event's sequence number, so a re-delivered event changes nothing. Claiming is not a status: it only records
 * when the executor took the job.
 */
@Component
@ProcessingGroup(Projections.GROUP)
class JobProjection {

    private final NamedParameterJdbcTemplate jdbc;
    private final ReadModelWrites writes;
    private final Jsonb json;

    JobProjection(NamedParameterJdbcTemplate jdbc, ReadModelWrites writes, Jsonb json) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.json = json;
    }

    @EventHandler
    void on(JobCreated event, @SequenceNumber Long sequence, @Timestamp Instant at) {
        JobSpec spec = event.spec();
        List<Long> inputs = spec.inputs() == null ? List.of() : spec.inputs().stream().map(JobInput::packageId).toList();
        String insert = """
                INSERT INTO job (id, project_id, node_id, layer_id, status, executor_id, interactive, inputs, fields,
                    container, created_at, updated_at, restart_of, secrets)
                VALUES (:id, :project, :node, :layer, :status, :executor, :interactive, CAST(:inputs AS jsonb),
                    CAST(:fields AS jsonb), CAST(:container AS jsonb), :at, :at, :restartOf, CAST(:secrets AS jsonb))
                ON CONFLICT (id) DO NOTHING""";
        MapSqlParameterSource params = new MapSqlParameterSource("id", event.jobId())
                .addValue("project", event.projectId())
                .addValue("node", spec.nodeId()).addValue("layer", spec.layerId())
                .addValue("status", JobStatus.CREATED.wireName()).addValue("executor", event.executorId())
                .addValue("secrets", spec.secrets() == null ? null : json.write(spec.secrets()))
                .addValue("interactive", spec.interactive()).addValue("inputs", json.write(inputs))
                .addValue("fields", json.write(FieldValue.list(spec.fields(), json)))
                .addValue("container", json.write(ContainerView.of(spec.container())))
                .addValue("at", Times.sql(at)).addValue("restartOf", event.restartOf());
        if (inputs.isEmpty()) {
            writes.update(insert, params, job(event.jobId()));
        } else {
            // its inputs at its node made one job more (the job-count search filter), once: not when the event
            // comes again and the job is there already
            List<WritePlan.Key> keys = new java.util.ArrayList<>();
            keys.add(job(event.jobId()));
            inputs.forEach(input -> keys.add(WritePlan.Key.row("package", input)));
            writes.update("WITH made AS (" + insert + " RETURNING id)"
                            + " UPDATE package SET child_jobs = child_jobs + 1"
                            + " WHERE node_id = :node AND id IN (:inputIds) AND EXISTS (SELECT 1 FROM made)",
                    params.addValue("inputIds", inputs), keys.toArray(WritePlan.Key[]::new));
        }
        history(event.jobId(), sequence, JobStatus.CREATED, at);
    }

    @EventHandler
    void on(JobDispatched event, @SequenceNumber Long sequence, @Timestamp Instant at) {
        advance(event.jobId(), JobStatus.DISPATCHED, sequence, at, ", executor_id = :executor",
                new MapSqlParameterSource("executor", event.executorId()));
    }

    @EventHandler
    void on(JobClaimed event, @Timestamp Instant at) {
        writes.update("UPDATE job SET executor_id = :executor, claimed_at = COALESCE(claimed_at, :at) WHERE id = :id",
                new MapSqlParameterSource("id", event.jobId()).addValue("executor", event.executorId())
                        .addValue("at", Times.sql(at)), job(event.jobId()));
    }

    @EventHandler
    void on(JobStatusReported event, @SequenceNumber Long sequence, @Timestamp Instant at) {
        // once it started, what it waited for is history
        String set = event.status() == JobStatus.QUEUED ? "" : ", waiting_reason = NULL";
        advance(event.jobId(), event.status(), sequence, at, set, new MapSqlParameterSource());
    }

    @EventHandler
    void on(JobWaiting event) {
        writes.update("UPDATE job SET waiting_reason = :reason WHERE id = :id",
                new MapSqlParameterSource("reason", event.reason()).addValue("id", event.jobId()), job(event.jobId()));
    }

    @EventHandler
    void on(JobCalculated event, @SequenceNumber Long sequence, @Timestamp Instant at) {
        List<FileView> files = event.files() == null ? List.of() : event.files().stream().map(FileView::of).toList();
        advance(event.jobId(), JobStatus.CALCULATED, sequence, at,
                ", exit_code = :exit, files = CAST(:files AS jsonb), image_digest = :digest",
                new MapSqlParameterSource("exit", event.exitCode()).addValue("files", json.write(files))
                        .addValue("digest", event.imageDigest()));
    }

    @EventHandler
    void on(JobUploaded event, @SequenceNumber Long sequence, @Timestamp Instant at) {
        advance(event.jobId(), JobStatus.UPLOADED, sequence, at, "", new MapSqlParameterSource());
    }

    @EventHandler
    void on(JobProduced event, @SequenceNumber Long sequence, @Timestamp Instant at) {
        List<Long> outputs = event.outputs() == null ? List.of()
                : event.outputs().stream().map(JobOutput::packageId).toList();
        advance(event.jobId(), JobStatus.PRODUCED, sequence, at, ", outputs = CAST(:outputs AS jsonb)",
                new MapSqlParameterSource("outputs", json.write(outputs)));
    }

    @EventHandler
    void on(JobProcessed event, @SequenceNumber Long sequence, @Timestamp Instant at) {
        advance(event.jobId(), JobStatus.PROCESSED, sequence, at, "", new MapSqlParameterSource());
    }

    @EventHandler
    void on(JobDied event, @SequenceNumber Long sequence, @Timestamp Instant at) {
        advance(event.jobId(), JobStatus.DEAD, sequence, at, ", message = :message",
                new MapSqlParameterSource("message", event.message()));
    }

    @EventHandler
    void on(JobLogKept event) {
        writes.update("UPDATE job SET files = CAST(:files AS jsonb) WHERE id = :id",
                new MapSqlParameterSource("id", event.jobId()).addValue("files", json.write(
                        event.files() == null ? List.of() : event.files().stream().map(FileView::of).toList())),
                job(event.jobId()));
    }

    @EventHandler
    void on(JobCancelled event, @SequenceNumber Long sequence, @Timestamp Instant at) {
        // a user's cancel says nothing; an executor's idle stop says why
        advance(event.jobId(), JobStatus.CANCELLED, sequence, at, ", waiting_reason = NULL, message = :message",
                new MapSqlParameterSource("message", event.reason().isEmpty() ? null : event.reason()));
    }

    @EventHandler
    void on(JobInteractiveOpened event) {
        writes.update("UPDATE job SET interactive_url = :url WHERE id = :id",
                new MapSqlParameterSource("url", event.url()).addValue("id", event.jobId()), job(event.jobId()));
    }

    @EventHandler
    void on(JobFailed event, @SequenceNumber Long sequence, @Timestamp Instant at) {
        MapSqlParameterSource params = new MapSqlParameterSource("error", event.error())
                .addValue("message", event.message());
        if (event.files() == null || event.files().isEmpty()) {
            advance(event.jobId(), JobStatus.ERROR, sequence, at, ", error = :error, message = :message", params);
            return;
        }
        // what the job left (its log, the files it uploaded) stays visible on the failed job
        advance(event.jobId(), JobStatus.ERROR, sequence, at,
                ", error = :error, message = :message, files = CAST(:files AS jsonb)",
                params.addValue("files", json.write(event.files().stream().map(FileView::of).toList())));
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcTemplate().execute("TRUNCATE job, job_status");
    }

    private void advance(long jobId, JobStatus status, Long sequence, Instant at, String set,
                         MapSqlParameterSource params) {
        writes.update("UPDATE job SET status = :status, updated_at = :at" + set + " WHERE id = :id",
                params.addValue("id", jobId).addValue("status", status.wireName()).addValue("at", Times.sql(at)),
                job(jobId));
        history(jobId, sequence, status, at);
    }

    private void history(long jobId, Long sequence, JobStatus status, Instant at) {
        writes.update("""
                INSERT INTO job_status (job_id, sequence, status, at) VALUES (:job, :sequence, :status, :at)
                ON CONFLICT (job_id, sequence) DO NOTHING""",
                new MapSqlParameterSource("job", jobId).addValue("sequence", sequence)
                        .addValue("status", status.wireName()).addValue("at", Times.sql(at)),
                WritePlan.Key.fresh("job_status"));
    }

    private static WritePlan.Key job(long id) {
        return WritePlan.Key.row("job", id);
    }
}
