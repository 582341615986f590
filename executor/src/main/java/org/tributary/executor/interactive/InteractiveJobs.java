package org.tributary.executor.interactive;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.tributary.executor.command.CommandClient;
import org.tributary.executor.config.ExecutorIdentity;
import org.tributary.executor.job.JobCalls;
import org.tributary.executor.job.JobStore;
import org.tributary.executor.job.StoredJob;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The interactive jobs running here: tells command-service where each one's Jupyter listens (the gateway proxies
 * {@code /interactive/<job id>/} there), and cancels one whose Jupyter saw no activity for the idle limit. The
 * activity is Jupyter's own {@code last_activity}, asked every {@code check-interval}: requests, kernel messages
 * and terminal output all count, so a long computation nobody watches is not stopped.
 */
@Component
public class InteractiveJobs {

    private static final Logger log = LoggerFactory.getLogger(InteractiveJobs.class);

    private final CommandClient commands;
    private final ExecutorIdentity identity;
    private final JobStore store;
    private final JobCalls calls;
    private final InteractiveSettings settings;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<Long, Open> open = new ConcurrentHashMap<>();

    /** A job's Jupyter: where it listens, since when, and its last activity seen. */
    private record Open(String url, Instant opened, Instant lastActivity) {
    }

    public InteractiveJobs(CommandClient commands, ExecutorIdentity identity, JobStore store, JobCalls calls,
                           InteractiveSettings settings, Clock clock) {
        this.commands = commands;
        this.identity = identity;
        this.store = store;
        this.calls = calls;
        this.settings = settings;
        this.clock = clock;
    }

    /** The job's Jupyter listens at {@code url} (a base URL the gateway reaches); told after the job's earlier reports. */
    public void opened(long jobId, String url) {
        open.put(jobId, new Open(url, clock.instant(), null));
        calls.later(jobId, () -> {
            try {
                commands.openInteractive(identity.id(), jobId, url);
            } catch (CommandClient.Conflict e) {
                log.info("the address of job {}'s Jupyter was refused: {}", jobId, e.getMessage());
            } catch (RuntimeException e) {
                log.warn("cannot say where job {}'s Jupyter listens: {}", jobId, e.getMessage());
            }
        });
    }

    /** Asks each Jupyter when it was last active; cancels the jobs idle for too long, forgets the ended ones. */
    @Scheduled(fixedDelayString = "${tributary.executor.interactive.check-interval:PT1M}",
            initialDelayString = "${tributary.executor.interactive.check-interval:PT1M}")
    public void check() {
        for (Map.Entry<Long, Open> entry : Map.copyOf(open).entrySet()) {
            long jobId = entry.getKey();
            boolean running = store.find(jobId).map(StoredJob::state).map(state -> !state.isFinished()).orElse(false);
            if (!running) {
                open.remove(jobId);
                continue;
            }
            Open job = entry.getValue();
            Instant lastActivity = ask(jobId, job.url());
            Instant latest = lastActivity == null ? job.lastActivity()
                    : job.lastActivity() == null || lastActivity.isAfter(job.lastActivity()) ? lastActivity
                    : job.lastActivity();
            open.replace(jobId, job, new Open(job.url(), job.opened(), latest));
            Duration idle = IdleClock.idleFor(job.opened(), latest, clock.instant());
            if (idle.compareTo(settings.idleLimit()) >= 0) {
                stop(jobId, IdleClock.minutes(idle));
            }
        }
    }

    private void stop(long jobId, long idleMinutes) {
        log.info("job {}'s Jupyter saw no activity for {} minutes: stopping it", jobId, idleMinutes);
        try {
            commands.idle(identity.id(), jobId, idleMinutes);
            open.remove(jobId);
        } catch (CommandClient.Conflict e) {
            // it ended meanwhile
            open.remove(jobId);
        } catch (RuntimeException e) {
            log.warn("cannot stop idle job {} now: {}", jobId, e.getMessage());
        }
    }

    /** Jupyter's {@code last_activity}, or null when it cannot be asked. */
    private Instant ask(long jobId, String url) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                            URI.create(url + "/interactive/" + jobId + "/api/status"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? IdleClock.lastActivity(answer.body()).orElse(null) : null;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
