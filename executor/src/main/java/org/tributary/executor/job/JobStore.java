package org.tributary.executor.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.tributary.domain.job.api.JobDispatched;
import org.tributary.domain.job.api.JobSpec;
import org.tributary.executor.config.EventJson;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code executor.job} table and the dedup table of dispatch messages. */
@Repository
public class JobStore {

    private static final String COLUMNS =
            "job_id, executor_id, project_id, spec::text AS spec, state, pid, pid_started, result::text AS result";

    private static final String UNFINISHED = JobState.sqlList(JobState.UNFINISHED);

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final RowMapper<StoredJob> rows;

    public JobStore(JdbcTemplate jdbc, EventJson eventJson, Clock clock) {
        this.jdbc = jdbc;
        this.json = eventJson.mapper();
        this.clock = clock;
        this.rows = (rs, i) -> new StoredJob(rs.getLong("job_id"), rs.getLong("executor_id"), rs.getLong("project_id"),
                readSpec(rs.getString("spec")), JobState.fromDb(rs.getString("state")),
                (Long) rs.getObject("pid"), instant(rs.getTimestamp("pid_started")), rs.getString("result"));
    }

    /**
     * Stores a dispatched job unless its message was seen before, in one transaction, so that a redelivery after a
     * crash between commit and ack is dropped here. Answers whether the job is new.
     */
    @Transactional
    public boolean accept(String messageId, JobDispatched dispatched) {
        Timestamp now = Timestamp.from(clock.instant());
        int fresh = jdbc.update("INSERT INTO received_message (message_id, received_at) VALUES (?, ?) "
                + "ON CONFLICT DO NOTHING", messageId, now);
        if (fresh == 0) {
            return false;
        }
        return jdbc.update("INSERT INTO job (job_id, executor_id, project_id, spec, state, received_at, updated_at) "
                        + "VALUES (?, ?, ?, ?::jsonb, ?, ?, ?) ON CONFLICT (job_id) DO NOTHING",
                dispatched.jobId(), dispatched.executorId(), dispatched.projectId(), write(dispatched.spec()),
                JobState.RECEIVED.dbName(), now, now) == 1;
    }

    public Optional<StoredJob> find(long jobId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM job WHERE job_id = ?", rows, jobId).stream().findFirst();
    }

    /** The jobs of this executor that have not ended, oldest first. */
    public List<StoredJob> unfinished(long executorId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM job WHERE executor_id = ? AND state IN " + UNFINISHED
                + " ORDER BY received_at, job_id", rows, executorId);
    }

    /**
     * Moves a job forward to {@code state} if it is in one of {@code from}; answers whether it moved, so that a
     * repeated or late step changes nothing.
     */
    public boolean move(long jobId, JobState state, JobState... from) {
        return jdbc.update("UPDATE job SET state = ?, updated_at = ? WHERE job_id = ? AND state IN "
                        + JobState.sqlList(from),
                state.dbName(), Timestamp.from(clock.instant()), jobId) == 1;
    }

    /** The job's runner process started; kept so that a restarted executor can find and stop a leftover one. */
    public boolean started(long jobId, long pid, Instant pidStarted) {
        return jdbc.update("UPDATE job SET state = ?, pid = ?, pid_started = ?, updated_at = ? "
                        + "WHERE job_id = ? AND state = ?", JobState.STARTED.dbName(),
                pid, pidStarted == null ? null : Timestamp.from(pidStarted), Timestamp.from(clock.instant()), jobId,
                JobState.QUEUED.dbName()) == 1;
    }

    /** Ends the job with the final request's content; answers false when it had already ended. */
    public boolean complete(long jobId, String result) {
        return jdbc.update("UPDATE job SET state = ?, result = ?::jsonb, updated_at = ? "
                        + "WHERE job_id = ? AND state IN " + UNFINISHED,
                JobState.COMPLETED.dbName(), result, Timestamp.from(clock.instant()), jobId) == 1;
    }

    /** Ends the job as failed; answers false when it had already ended. */
    public boolean fail(long jobId, String error) {
        return end(jobId, JobState.FAILED, error);
    }

    /** Ends the job in {@code state} (failed, cancelled) with why; answers false when it had already ended. */
    public boolean end(long jobId, JobState state, String why) {
        return jdbc.update("UPDATE job SET state = ?, error = ?, updated_at = ? "
                        + "WHERE job_id = ? AND state IN " + UNFINISHED,
                state.dbName(), why, Timestamp.from(clock.instant()), jobId) == 1;
    }

    /** The image the job's container ran, by digest; kept whatever the job's state, for its completion. */
    public void ranImage(long jobId, String imageDigest) {
        jdbc.update("UPDATE job SET image_digest = ? WHERE job_id = ?", imageDigest, jobId);
    }

    public Optional<String> imageDigest(long jobId) {
        return jdbc.query("SELECT image_digest FROM job WHERE job_id = ?", (rs, i) -> rs.getString(1), jobId)
                .stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** Running jobs of this executor that sent no heartbeat (nor changed state) since {@code before}. */
    public List<Long> silentSince(long executorId, Instant before) {
        return jdbc.queryForList("SELECT j.job_id FROM job j LEFT JOIN job_heartbeat h ON h.job_id = j.job_id "
                + "WHERE j.executor_id = ? AND j.state IN " + JobState.sqlList(JobState.RUNNING) + " "
                + "AND GREATEST(j.updated_at, COALESCE(h.received_at, j.updated_at)) < ? ORDER BY j.job_id",
                Long.class, executorId, Timestamp.from(before));
    }

    public void heartbeat(long jobId, String logTail) {
        jdbc.update("INSERT INTO job_heartbeat (job_id, received_at, log_tail) VALUES (?, ?, ?) "
                        + "ON CONFLICT (job_id) DO UPDATE SET received_at = excluded.received_at, log_tail = excluded.log_tail",
                jobId, Timestamp.from(clock.instant()), logTail);
    }

    private String write(JobSpec spec) {
        try {
            return json.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a job spec", e);
        }
    }

    private JobSpec readSpec(String text) {
        try {
            return json.readValue(text, JobSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored job spec", e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
