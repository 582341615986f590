package org.tributary.executor.job;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.tributary.domain.job.api.JobDispatched;
import org.tributary.domain.job.api.JobStatus;
import org.tributary.executor.backend.JobBackend;
import org.tributary.executor.backend.JobListener;
import org.tributary.executor.backend.NodeLimitedBackend;
import org.tributary.executor.metrics.ExecutorMetrics;
import org.tributary.executor.command.CommandClient;
import org.tributary.executor.interactive.InteractiveJobs;
import org.tributary.executor.command.CommandClient.CompletedFile;
import org.tributary.executor.command.CommandClient.Completion;
import org.tributary.executor.config.ExecutorIdentity;

import java.util.List;
import java.util.function.Supplier;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The path of a job through this executor: stored from its dispatch, claimed, queued, started by the backend,
 * ended by its runner's final report or by a failure. Each step is a conditional state change in {@code executor.job}
 * followed by the matching call to command-service, so that a repeated step changes nothing twice.
 * A step's state change is made under the job's lock, and its report to command-service is queued there, so
 * reports leave in the order Queued, Started, Downloaded; the calls themselves are made by {@link JobCalls}, never
 * under a lock.
 */
@Service
public class JobLifecycle implements JobListener {

    private static final Logger log = LoggerFactory.getLogger(JobLifecycle.class);
    private static final long CLAIM_RETRY_SECONDS = 30;

    private final JobStore store;
    private final CommandClient commands;
    private final ExecutorIdentity identity;
    private final JobBackend backend;
    private final PrintedLogs logs;
    private final JobCalls calls;
    private final InteractiveJobs interactive;
    private final ExecutorMetrics metrics;
    private final Object[] locks = new Object[64];
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "claim-retry");
        thread.setDaemon(true);
        return thread;
    });

    public JobLifecycle(JobStore store, CommandClient commands, ExecutorIdentity identity, JobBackend backend,
                        PrintedLogs logs, JobCalls calls, InteractiveJobs interactive, ExecutorMetrics metrics) {
        this.metrics = metrics;
        this.interactive = interactive;
        this.store = store;
        this.calls = calls;
        this.logs = logs;
        this.commands = commands;
        this.identity = identity;
        // every backend keeps each node's parallel_jobs
        this.backend = new NodeLimitedBackend(backend);
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /** Stores a dispatched job; false when its message was seen before. */
    public boolean accept(String messageId, JobDispatched dispatched) {
        return store.accept(messageId, dispatched);
    }

    /** Claims a stored job and hands it to the backend; a job another executor claimed is dropped. */
    public void claim(long jobId) {
        StoredJob job = store.find(jobId).orElse(null);
        if (job == null || job.state() != JobState.RECEIVED) {
            return;
        }
        try {
            commands.claim(identity.id(), jobId);
        } catch (CommandClient.Conflict e) {
            store.move(jobId, JobState.LOST, JobState.RECEIVED);
            log.info("job {} was claimed by another executor; dropped", jobId);
            return;
        } catch (CommandClient.CommandFailed e) {
            if (e.permanent()) {
                log.error("command-service refused the claim of job {}; dropped: {}", jobId, e.getMessage());
                store.fail(jobId, "claim refused: " + e.getMessage());
                return;
            }
            log.warn("cannot claim job {} now, trying again in {} s: {}", jobId, CLAIM_RETRY_SECONDS, e.getMessage());
            retries.schedule(() -> claim(jobId), CLAIM_RETRY_SECONDS, TimeUnit.SECONDS);
            return;
        }
        queue(job);
    }

    /** The claim reported the job queued at command-service as well ({@link CommandClient#claim}). */
    private void queue(StoredJob job) {
        synchronized (lock(job.jobId())) {
            if (!store.move(job.jobId(), JobState.QUEUED, JobState.RECEIVED)) {
                return;
            }
        }
        backend.submit(job, this);
    }

    /** Picks up the jobs this executor had not finished when it stopped. */
    public void resume() {
        List<StoredJob> unfinished = store.unfinished(identity.id());
        List<StoredJob> claimed = unfinished.stream().filter(job -> job.state() != JobState.RECEIVED).toList();
        if (!claimed.isEmpty()) {
            log.info("resuming {} claimed jobs", claimed.size());
            backend.resume(claimed, this);
        }
        unfinished.stream().filter(job -> job.state() == JobState.RECEIVED).forEach(job -> claim(job.jobId()));
    }

    @Override
    public void starting(long jobId, RunnerStart start) {
        synchronized (lock(jobId)) {
            StoredJob job = store.find(jobId).orElse(null);
            if (job == null || job.state() != JobState.QUEUED) {
                return;
            }
            Started started;
            try {
                started = start.start();
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            store.started(jobId, started.pid(), started.startedAt());
            report(jobId, JobStatus.STARTED);
        }
    }

    @Override
    public void waiting(long jobId, String reason) {
        try {
            commands.waiting(identity.id(), jobId, Texts.storable(reason.replaceAll("\\s+", " ").strip()));
        } catch (CommandClient.CommandFailed | CommandClient.Conflict e) {
            // a note for the user, not a step of the job: it is not retried
            log.info("cannot say why job {} waits: {}", jobId, e.getMessage());
        }
    }

    @Override
    public void interactive(long jobId, String url) {
        interactive.opened(jobId, url);
    }

    @Override
    public void ranImage(long jobId, String imageDigest) {
        store.ranImage(jobId, imageDigest);
    }

    /** The runner fetched the job's inputs. */
    public void downloaded(long jobId) {
        synchronized (lock(jobId)) {
            if (store.move(jobId, JobState.DOWNLOADED, JobState.STARTED, JobState.QUEUED)) {
                report(jobId, JobStatus.DOWNLOADED);
            }
        }
    }

    /**
     * The runner's final report: command-service is told first, so that a failed call leaves the job open for the
     * runner's retry.
     */
    public void complete(long jobId, Completion completion, String result) {
        Completion reported = completion.imageDigest() != null ? completion : store.imageDigest(jobId)
                .map(digest -> new Completion(completion.exitCode(), completion.files(), completion.outputs(), digest))
                .orElse(completion);
        calls.now(jobId, () -> {
            commands.complete(identity.id(), jobId, reported);
            StoredJob before = store.find(jobId).orElse(null);
            if (store.complete(jobId, result) && before != null) {
                metrics.ended(before, "completed");
            }
        });
    }

    @Override
    public void exited(long jobId, int exitCode, String outputTail, Supplier<byte[]> printed) {
        StoredJob job = store.find(jobId).orElse(null);
        if (job == null || job.state().isFinished()) {
            return;
        }
        failed(jobId, "RunnerFailed", "the job runner exited with code " + exitCode
                + " before it reported the end of the job; its last output:\n" + outputTail, printed);
    }

    @Override
    public void failed(long jobId, String error, String reported) {
        fail(jobId, error, reported, List.of(), null);
    }

    /** The job was stopped or lost: what it printed until then becomes its log, so that every ended job has one. */
    @Override
    public void failed(long jobId, String error, String reported, Supplier<byte[]> printed) {
        fail(jobId, error, reported, List.of(), printed);
    }

    /** The job's final report was refused: the files it uploaded (its log among them) stay visible on it. */
    public void failed(long jobId, String error, String reported, List<CompletedFile> kept) {
        fail(jobId, error, reported, kept, null);
    }

    private void fail(long jobId, String error, String reported, List<CompletedFile> kept, Supplier<byte[]> printed) {
        String message = Texts.storable(reported);
        StoredJob before = store.find(jobId).orElse(null);
        if (before == null || before.state().isFinished()) {
            return;
        }
        List<CompletedFile> files = kept.isEmpty() ? logs.archive(before, printed) : kept;
        endHere(jobId, () -> commands.fail(identity.id(), jobId, error, message, files), error + ": " + message);
    }

    /** The job's runner went silent: the job ends as Dead at command-service, then its process or pod is stopped. */
    public void dead(long jobId, String message) {
        boolean ended = endHere(jobId, () -> commands.dead(identity.id(), jobId, message), "Dead: " + message);
        if (ended) {
            backend.stop(jobId, printed -> keepLog(jobId, printed));
        }
    }

    /**
     * A user cancelled the job at command-service: it ends here without a report (command-service ended it), and
     * its process or pod is stopped. A job not claimed yet is never claimed.
     */
    public void cancelled(long jobId) {
        boolean stopped;
        synchronized (lock(jobId)) {
            StoredJob before = store.find(jobId).orElse(null);
            stopped = store.end(jobId, JobState.CANCELLED, "Cancelled by a user");
            if (stopped && before != null) {
                metrics.ended(before, "cancelled");
            }
        }
        if (stopped) {
            log.info("job {} was cancelled; stopping it", jobId);
            backend.stop(jobId, printed -> keepLog(jobId, printed));
        }
    }

    /**
     * Tells command-service how the job ended ({@code tell}; one that had ended it already is no news), then ends it
     * here as failed with {@code why}, unless it had ended here already; answers whether it ended now.
     */
    private boolean endHere(long jobId, Runnable tell, String why) {
        return calls.now(jobId, () -> {
            StoredJob job = store.find(jobId).orElse(null);
            if (job == null || job.state().isFinished()) {
                return false;
            }
            try {
                tell.run();
            } catch (CommandClient.Conflict e) {
                log.info("command-service had already ended job {}: {}", jobId, e.getMessage());
            }
            boolean ended = store.fail(jobId, why);
            if (ended) {
                metrics.ended(job, "failed");
            }
            return ended;
        });
    }

    /** What a job stopped here printed becomes its log, so that every ended job has one; best effort. */
    private void keepLog(long jobId, Supplier<byte[]> printed) {
        StoredJob job = store.find(jobId).orElse(null);
        if (job == null) {
            return;
        }
        List<CompletedFile> files = logs.archive(job, printed);
        if (files.isEmpty()) {
            return;
        }
        calls.later(jobId, () -> {
            try {
                commands.keepLog(identity.id(), jobId, files);
            } catch (RuntimeException e) {
                log.info("cannot keep the log of stopped job {}: {}", jobId, e.getMessage());
            }
        });
    }

    /** Queues the status report; called under the job's lock, so reports leave in the order of the steps. */
    private void report(long jobId, JobStatus status) {
        calls.later(jobId, () -> {
            try {
                commands.reportStatus(identity.id(), jobId, status);
            } catch (CommandClient.Conflict e) {
                // the job moved on (or ended) at command-service; a late status is no news
                log.info("status {} of job {} refused: {}", status.wireName(), jobId, e.getMessage());
            } catch (RuntimeException e) {
                log.warn("cannot report status {} of job {}: {}", status.wireName(), jobId, e.getMessage());
            }
        });
    }

    private Object lock(long jobId) {
        return locks[(int) Math.floorMod(jobId, (long) locks.length)];
    }

    @PreDestroy
    void stop() {
        retries.shutdownNow();
    }
}
