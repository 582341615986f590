package org.tributary.command.watch;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.SourceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.tributary.command.config.BatchedWrites;
import org.tributary.command.web.Commands;
import org.tributary.domain.job.api.ExpireDispatch;
import org.tributary.domain.job.api.JobClaimed;
import org.tributary.domain.job.api.JobCancelled;
import org.tributary.domain.job.api.JobDied;
import org.tributary.domain.job.api.JobDispatched;
import org.tributary.domain.job.api.JobFailed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A job dispatched to an executor that never claims it (stopped, deleted, misconfigured) ends in Error
 * {@code Unclaimed} after {@code tributary.jobs.unclaimed-after} (default 30 minutes) instead of staying
 * Dispatched for ever. The dispatched jobs are kept in {@code command.dispatched_job} by the routing processor, in
 * event order; a timer ends the old ones through {@link ExpireDispatch}, which leaves a job claimed meanwhile alone.
 */
@Component
@ProcessingGroup("routing")
class UnclaimedJobs {

    private static final Logger log = LoggerFactory.getLogger(UnclaimedJobs.class);
    private static final int BATCH = 100;

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;
    private final Commands commands;
    private final Clock clock;
    private final Duration after;

    UnclaimedJobs(JdbcTemplate jdbc, BatchedWrites writes, Commands commands,
                  @Value("${tributary.jobs.unclaimed-after:PT30M}") Duration after) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.commands = commands;
        this.clock = Clock.systemUTC();
        this.after = after;
    }

    /**
     * The job's id is its aggregate's: the event's payload, which carries the whole job spec, is not read (routing
     * sees one of these per package).
     */
    @EventHandler(payloadType = JobDispatched.class)
    void dispatched(@SourceId String jobId, @Timestamp Instant at) {
        writes.insert("INSERT INTO dispatched_job (job_id, dispatched_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                Long.parseLong(jobId), java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(JobClaimed event) {
        forget(event.jobId());
    }

    @EventHandler
    void on(JobFailed event) {
        forget(event.jobId());
    }

    @EventHandler
    void on(JobDied event) {
        forget(event.jobId());
    }

    @EventHandler
    void on(JobCancelled event) {
        forget(event.jobId());
    }

    private void forget(long jobId) {
        writes.update("DELETE FROM dispatched_job WHERE job_id = ?", jobId);
    }

    @Scheduled(fixedDelayString = "${tributary.jobs.unclaimed-check:PT30S}",
            initialDelayString = "${tributary.jobs.unclaimed-check:PT30S}")
    void expire() {
        List<Long> old = jdbc.queryForList("SELECT job_id FROM dispatched_job WHERE dispatched_at < ? "
                + "ORDER BY dispatched_at LIMIT " + BATCH, Long.class, java.sql.Timestamp.from(clock.instant().minus(after)));
        for (long jobId : old) {
            try {
                commands.send(new ExpireDispatch(jobId, "no executor claimed job " + jobId + " within "
                        + after.toMinutes() + " minutes of its dispatch"));
            } catch (RuntimeException e) {
                log.warn("cannot end unclaimed job {}: {}", jobId, e.getMessage());
                continue;
            }
            // its JobFailed removes it too; a job claimed meanwhile is removed by its JobClaimed
            forget(jobId);
        }
    }
}
