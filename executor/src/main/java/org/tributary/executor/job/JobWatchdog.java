package org.tributary.executor.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.tributary.executor.command.CommandClient;
import org.tributary.executor.config.ExecutorIdentity;
import org.tributary.executor.config.ExecutorProperties;

import java.time.Clock;

/**
 * A running job whose runner sends no heartbeat for {@code heartbeat-timeout} (default 5 minutes; runners beat every
 * minute) ends as Dead and is stopped, on either backend, instead of holding its place for ever.
 */
@Component
class JobWatchdog {

    private static final Logger log = LoggerFactory.getLogger(JobWatchdog.class);

    private final JobStore store;
    private final JobLifecycle lifecycle;
    private final ExecutorIdentity identity;
    private final ExecutorProperties properties;
    private final Clock clock;

    JobWatchdog(JobStore store, JobLifecycle lifecycle, ExecutorIdentity identity, ExecutorProperties properties,
                Clock clock) {
        this.store = store;
        this.lifecycle = lifecycle;
        this.identity = identity;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${tributary.executor.heartbeat-check:PT30S}",
            initialDelayString = "${tributary.executor.heartbeat-check:PT30S}")
    void check() {
        var timeout = properties.heartbeatTimeout();
        for (long jobId : store.silentSince(identity.id(), clock.instant().minus(timeout))) {
            log.warn("job {} sent no heartbeat for {} s: it is dead", jobId, timeout.toSeconds());
            try {
                lifecycle.dead(jobId, "the job's runner sent no heartbeat for " + timeout.toSeconds()
                        + " s; the job was stopped");
            } catch (CommandClient.CommandFailed e) {
                log.warn("cannot report job {} dead now: {}", jobId, e.getMessage());
            }
        }
    }
}
