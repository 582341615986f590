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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One row per job plus its status history. Each status event updates the row and adds a history entry keyed by
 * the event's sequence number, so a re-delivered event changes nothing. Claiming is not a status: it only records
 * when the executor took the job.
 */
@Component
@ProcessingGroup(Projections.GROUP)
class JobProjection {

    /**
     * A new job's row. Every column a later event sets is a parameter, named after its column, so that a rebuild
     * folds the job's later events into this insert ({@link ReadModelWrites#insert}).
     */
    private static final String INSERT = """
            INSERT INTO job (id, project_id, node_id, layer_id, status, executor_id, claimed_at, interactive, inputs,
                fields, container, outputs, exit_code, error, message, image_digest, files, created_at, updated_at,
                waiting_reason, restart_of, interactive_url, secrets)
            VALUES (:id, :project_id, :node_id, :layer_id, :status, :executor_id, :claimed_at, :interactive,
                CAST(:inputs AS jsonb), CAST(:fields AS jsonb), CAST(:container AS jsonb), CAST(:outputs AS jsonb),
                :exit_code, :error, :message, :image_digest, CAST(:files AS jsonb), :created_at, :updated_at,
                :waiting_reason, :restart_of, :interactive_url, CAST(:secrets AS jsonb))
            ON CONFLICT (id) DO NOTHING""";
    /** The same, counting the job at its inputs (the job-count search filter) only when the row is new. */
    private static final String INSERT_COUNTING = "WITH made AS (" + INSERT + " RETURNING id)"
            + " UPDATE package SET child_jobs = child_jobs + 1"
            + " WHERE node_id = :node_id AND id IN (:inputIds) AND EXISTS (SELECT 1 FROM made)";

    /** An empty JSON list: a new job's outputs and files. */
    private static final String NONE = "[]";

    /** Each status change's assignments, by what it sets besides the status; each update, by its assignments. */
    private final Map<String, String> advances = new ConcurrentHashMap<>();
    private final Map<String, String> updates = new ConcurrentHashMap<>();

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
        MapSqlParameterSource row = new MapSqlParameterSource("id", event.jobId())
                .addValue("project_id", event.projectId())
                .addValue("node_id", spec.nodeId()).addValue("layer_id", spec.layerId())
                .addValue("status", JobStatus.CREATED.wireName()).addValue("executor_id", event.executorId())
                .addValue("claimed_at", null).addValue("interactive", spec.interactive())
                .addValue("inputs", json.write(inputs))
                .addValue("fields", json.write(FieldValue.list(spec.fields(), json)))
                .addValue("container", json.write(ContainerView.of(spec.container())))
                .addValue("outputs", NONE).addValue("exit_code", null).addValue("error", null)
                .addValue("message", null).addValue("image_digest", null).addValue("files", NONE)
                .addValue("created_at", Times.sql(at)).addValue("updated_at", Times.sql(at))
                .addValue("waiting_reason", null).addValue("restart_of", event.restartOf())
                .addValue("interactive_url", null)
                .addValue("secrets", spec.secrets() == null ? null : json.write(spec.secrets()));
        if (inputs.isEmpty()) {
            writes.insert(INSERT, row, job(event.jobId()));
        } else {
            // its inputs at its node made one job more (the job-count search filter), once: not when the event
            // comes again and the job is there already
            writes.insert(INSERT_COUNTING, row.addValue("inputIds", inputs), job(event.jobId()),
                    inputs.stream().map(input -> WritePlan.Key.row("package", input)).toArray(WritePlan.Key[]::new));
        }
        history(event.jobId(), sequence, JobStatus.CREATED, at);
    }

    @EventHandler
    void on(JobDispatched event, @SequenceNumber Long sequence, @Timestamp Instant at) {
        advance(event.jobId(), JobStatus.DISPATCHED, sequence, at, ", executor_id = :executor_id",
                new MapSqlParameterSource("executor_id", event.executorId()));
    }

    @EventHandler
    void on(JobClaimed event, @Timestamp Instant at) {
        Object claimed = Times.sql(at);
        writes.update("""
                        UPDATE job SET executor_id = :executor_id, claimed_at = COALESCE(claimed_at, :claimed_at)
                        WHERE id = :id""",
                new MapSqlParameterSource("id", event.jobId()).addValue("executor_id", event.executorId())
                        .addValue("claimed_at", claimed),
                row -> {
                    row.addValue("executor_id", event.executorId());
                    if (row.getValue("claimed_at") == null) {
                        row.addValue("claimed_at", claimed);
                    }
                }, job(event.jobId()));
    }

    @EventHandler
    void on(JobStatusReported event, @SequenceNumber Long sequence, @Timestamp Instant at) {
        // once it started, what it waited for is history
        if (event.status() == JobStatus.QUEUED) {
            advance(event.jobId(), event.status(), sequence, at, "", new MapSqlParameterSource());
        } else {
            advance(event.jobId(), event.status(), sequence, at, ", waiting_reason = :waiting_reason",
                    new MapSqlParameterSource("waiting_reason", null));
        }
    }

    @EventHandler
    void on(JobWaiting event) {
        set(event.jobId(), "waiting_reason = :waiting_reason",
                new MapSqlParameterSource("waiting_reason", event.reason()));
    }

    @EventHandler
    void on(JobCalculated event, @SequenceNumber Long sequence, @Timestamp Instant at) {
        List<FileView> files = event.files() == null ? List.of() : event.files().stream().map(FileView::of).toList();
        advance(event.jobId(), JobStatus.CALCULATED, sequence, at,
                ", exit_code = :exit_code, files = CAST(:files AS jsonb), image_digest = :image_digest",
                new MapSqlParameterSource("exit_code", event.exitCode()).addValue("files", json.write(files))
                        .addValue("image_digest", event.imageDigest()));
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
        set(event.jobId(), "files = CAST(:files AS jsonb)", new MapSqlParameterSource("files", json.write(
                event.files() == null ? List.of() : event.files().stream().map(FileView::of).toList())));
    }

    @EventHandler
    void on(JobCancelled event, @SequenceNumber Long sequence, @Timestamp Instant at) {
        // a user's cancel says nothing; an executor's idle stop says why
        advance(event.jobId(), JobStatus.CANCELLED, sequence, at,
                ", waiting_reason = :waiting_reason, message = :message",
                new MapSqlParameterSource("waiting_reason", null)
                        .addValue("message", event.reason().isEmpty() ? null : event.reason()));
    }

    @EventHandler
    void on(JobInteractiveOpened event) {
        set(event.jobId(), "interactive_url = :interactive_url",
                new MapSqlParameterSource("interactive_url", event.url()));
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
                         MapSqlParameterSource columns) {
        set(jobId, advances.computeIfAbsent(set, more -> "status = :status, updated_at = :updated_at" + more),
                columns.addValue("status", status.wireName()).addValue("updated_at", Times.sql(at)));
        history(jobId, sequence, status, at);
    }

    /**
     * Sets the job's columns: {@code assignments} sets each from the parameter named after it, so that a rebuild can
     * fold the change into the job's insert (the same values, copied).
     */
    private void set(long jobId, String assignments, MapSqlParameterSource columns) {
        // one String per statement, its hash computed once (the writes look statements up by their text)
        String sql = updates.computeIfAbsent(assignments, same -> "UPDATE job SET " + same + " WHERE id = :id");
        writes.update(sql, columns.addValue("id", jobId),
                row -> columns.getValues().forEach(row::addValue), job(jobId));
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
