package org.tributary.executor.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tributary.executor.config.ExecutorIdentity;
import org.tributary.executor.job.JobState;
import org.tributary.executor.job.StoredJob;

import java.time.Clock;
import java.time.Duration;

/**
 * The executor's metrics: {@code tributary_executor_queue_depth} (jobs claimed and waiting to run: for a slot, or
 * for a node's parallel_jobs), {@code tributary_executor_running}, and {@code tributary_job_duration_seconds{node,
 * outcome}}, from a job's start to its end here, as a histogram per node.
 */
@Component
public class ExecutorMetrics {

    private final MeterRegistry registry;
    private final Clock clock = Clock.systemUTC();

    ExecutorMetrics(MeterRegistry registry, JdbcTemplate jdbc, ExecutorIdentity identity) {
        this.registry = registry;
        Gauge.builder("tributary.executor.queue.depth", () -> count(jdbc, identity, JobState.sqlList(JobState.QUEUED)))
                .description("jobs claimed here and waiting to start").register(registry);
        Gauge.builder("tributary.executor.running", () -> count(jdbc, identity, JobState.sqlList(JobState.RUNNING)))
                .description("jobs running here").register(registry);
    }

    private static Number count(JdbcTemplate jdbc, ExecutorIdentity identity, String states) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM job WHERE executor_id = ? AND state IN " + states,
                Long.class, identity.id());
        return count == null ? 0 : count;
    }

    /** A job ended here ({@code completed}, {@code failed}, {@code cancelled}); measured from its start, if it had one. */
    public void ended(StoredJob job, String outcome) {
        if (job.pidStarted() == null) {
            return;
        }
        Timer.builder("tributary.job.duration").tag("node", Long.toString(job.spec().nodeId())).tag("outcome", outcome)
                .description("from a job's start to its end on this executor").publishPercentileHistogram()
                .register(registry).record(Duration.between(job.pidStarted(), clock.instant()));
    }
}
