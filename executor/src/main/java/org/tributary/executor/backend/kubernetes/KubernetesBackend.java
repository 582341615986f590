package org.tributary.executor.backend.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tributary.executor.backend.JobBackend;
import org.tributary.executor.backend.JobListener;
import org.tributary.executor.backend.JobSecret;
import org.tributary.executor.command.CommandClient;
import org.tributary.executor.job.JobState;
import org.tributary.executor.job.StoredJob;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs each job as one Kubernetes Job built by {@link JobManifests}, and follows it with informers on the executor's
 * Jobs and Pods (never by polling the API): {@link PodStates} says what each change means, and this class reports it.
 * <p>
 * Exactly one Job per job, across crashes: the Job's name is the job's, it is created only when absent (one that
 * exists is adopted), and on start {@link #resume} lists the executor's Jobs and reconciles them with the jobs it has
 * claimed. Every decision is taken on one thread, so the state here needs no locks; the calls to the listener (which
 * calls command-service) are made on it too, never under a job's lock of this class.
 */
public class KubernetesBackend implements JobBackend {

    private static final Logger log = LoggerFactory.getLogger(KubernetesBackend.class);
    private static final int LOG_TAIL_LINES = 30;
    private static final long RECHECK_SECONDS = 5;
    private static final long RETRY_SECONDS = 10;
    /** Jobs created at once: each takes two calls to the API server (its Job, then its Secret). */
    private static final int LAUNCHERS = 8;

    private final KubernetesJobs kube;
    private final KubernetesClient client;
    private final KubernetesSettings settings;
    private final ExecutorSide executor;
    private final Clock clock;
    private final int maxJobs;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "kubernetes-backend");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService reports = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "kubernetes-reports");
        thread.setDaemon(true);
        return thread;
    });
    /** Jobs with a Kubernetes Job, by job id; whether it was reported started. Touched on the worker only. */
    private final Map<Long, Tracked> tracked = new HashMap<>();
    private final Deque<StoredJob> waiting = new ArrayDeque<>();
    /** Jobs whose Secret and Job a launcher is creating. Touched on the worker only. */
    private final Set<Long> launching = new java.util.HashSet<>();
    /** Jobs stopped (cancelled, dead) while their Job was being created; worker thread only. */
    private final Set<Long> stopped = new java.util.HashSet<>();
    private final ExecutorService launches = Executors.newFixedThreadPool(LAUNCHERS, task -> {
        Thread thread = new Thread(task, "kubernetes-launch");
        thread.setDaemon(true);
        return thread;
    });
    private JobListener listener;
    private volatile boolean crashed;
    private JobInformers informers;

    private static final class Tracked {
        final StoredJob job;
        boolean started;
        String waitingFor;

        Tracked(StoredJob job) {
            this.job = job;
        }
    }

    public KubernetesBackend(KubernetesClient client, KubernetesSettings settings, ExecutorSide executor,
                             Clock clock) {
        this.client = client;
        this.settings = settings;
        this.executor = executor;
        this.clock = clock;
        String namespace = settings.namespace() != null ? settings.namespace()
                : client.getNamespace() != null ? client.getNamespace() : "default";
        this.kube = new KubernetesJobs(client, namespace);
        this.maxJobs = settings.maxJobs() != null ? settings.maxJobs() : executor.defaultMaxJobs();
    }

    @Override
    public void submit(StoredJob job, JobListener listener) {
        onWorker(() -> {
            watch(listener);
            waiting.add(job);
            launchWhatFits();
        });
    }

    /**
     * Reconciles what Kubernetes has with what this executor claimed: a Job of a claimed job is adopted; a Job of
     * any other job (one that ended, or that this executor never claimed) is deleted, and so is a Secret without
     * a job; a queued job without a Job gets one; a started job without a Job is lost.
     */
    @Override
    public void resume(List<StoredJob> jobs, JobListener listener) {
        onWorker(() -> {
            watch(listener);
            Map<Long, StoredJob> claimed = jobs.stream().collect(Collectors.toMap(StoredJob::jobId, j -> j));
            Map<String, String> selector = selector();
            Set<Long> existing = new java.util.HashSet<>();
            for (Job job : kube.jobs(selector)) {
                Long id = JobInformers.jobId(job);
                if (id != null && claimed.containsKey(id)) {
                    existing.add(id);
                    // a crash may have come between creating the Job and its Secret, or its Service
                    completeLaunch(claimed.get(id), job);
                } else {
                    log.info("deleting Kubernetes Job {}: its job is not running here", job.getMetadata().getName());
                    kube.deleteJob(job.getMetadata().getName());
                }
            }
            for (Secret secret : kube.secrets(selector)) {
                Long id = JobInformers.jobId(secret);
                if (id == null || !existing.contains(id) && !claimed.containsKey(id)) {
                    kube.deleteSecret(secret.getMetadata().getName());
                }
            }
            for (StoredJob job : jobs) {
                if (existing.contains(job.jobId())) {
                    tracked.put(job.jobId(), new Tracked(job));
                    observe(job.jobId(), false);
                } else if (job.state() == JobState.QUEUED) {
                    waiting.add(job);
                } else {
                    report(() -> listener.failed(job.jobId(), "Lost", "the executor restarted and found no "
                            + "Kubernetes Job for job " + job.jobId() + "; it is not re-run"));
                }
            }
            launchWhatFits();
        });
    }

    @Override
    public void stop(long jobId, java.util.function.Consumer<java.util.function.Supplier<byte[]>> then) {
        onWorker(() -> {
            waiting.removeIf(job -> job.jobId() == jobId);
            if (launching.contains(jobId)) {
                // its Job is being created: deleted as soon as it exists
                stopped.add(jobId);
            }
            if (tracked.remove(jobId) != null) {
                // its pod's log goes with the Job: read first
                byte[] printed = kube.newestPod(JobManifests.jobName(settings.instance(), jobId))
                        .map(kube::log).orElse(null);
                deleteJob(jobId);
                launchWhatFits();
                report(() -> then.accept(() -> printed));
            }
        });
    }


    /** The pod's log, from Kubernetes: followed, it is the container's log stream. */
    @Override
    public Optional<java.io.InputStream> log(long jobId, boolean follow) {
        return kube.podLog(JobManifests.jobName(settings.instance(), jobId), follow);
    }

    private void launchWhatFits() {
        while (tracked.size() + launching.size() < maxJobs && !waiting.isEmpty()) {
            StoredJob job = waiting.poll();
            launching.add(job.jobId());
            try {
                launches.execute(alive(() -> launch(job)));
            } catch (RejectedExecutionException stopped) {
                return;
            }
        }
    }

    /**
     * On a launcher thread, several at once (the calls are the time): the job's Job if absent, then its Secret owned
     * by the Job (and an interactive job's Service); then back on the worker, which tracks it from then on.
     */
    private void launch(StoredJob job) {
        long jobId = job.jobId();
        try {
            executor.checkpoint("launch", jobId);
            List<JobSecret> secrets = executor.secrets(job);
            Job created = kube.createIfAbsent(JobManifests.job(job, secrets, settings, executor.executorUrl(),
                    executor.timeZone()));
            executor.checkpoint("job-created", jobId);
            // after its Job, owned by it from the start: two calls per job; the pod waits the moment it lacks it
            kube.createSecretIfAbsent(JobManifests.jobSecret(job, settings, executor.issueToken(jobId), secrets,
                    created));
            executor.checkpoint("secret-written", jobId);
            openInteractive(job, created);
            onWorker(() -> {
                launching.remove(jobId);
                if (stopped.remove(jobId)) {
                    deleteJob(jobId);
                    launchWhatFits();
                    return;
                }
                tracked.put(jobId, new Tracked(job));
                observe(jobId, false);
            });
        } catch (CommandClient.Conflict ended) {
            // cancelled before its Job was made: there is nothing to run
            log.info("job {} ended before its Job was made: {}", jobId, ended.getMessage());
            onWorker(() -> {
                launching.remove(jobId);
                stopped.remove(jobId);
                launchWhatFits();
            });
        } catch (CommandClient.CommandFailed e) {
            onWorker(() -> {
                launching.remove(jobId);
                stopped.remove(jobId);
                executor.revokeTokens(jobId);
                report(() -> listener.failed(jobId, "SecretsUnavailable", "cannot fetch the project's secrets for job "
                        + jobId + ": " + e.getMessage()));
                launchWhatFits();
            });
        } catch (KubernetesClientException e) {
            onWorker(() -> {
                launching.remove(jobId);
                if (stopped.remove(jobId)) {
                    launchWhatFits();
                    return;
                }
                refusedOrRetried(job, e);
            });
        }
    }

    /** What a launch makes after the Job, made again for an adopted Job where a crash left it undone. */
    private void completeLaunch(StoredJob job, Job existing) {
        long id = job.jobId();
        try {
            List<JobSecret> secrets = executor.secrets(job);
            kube.createSecretIfAbsent(JobManifests.jobSecret(job, settings, executor.issueToken(id), secrets,
                    existing));
            openInteractive(job, existing);
        } catch (KubernetesClientException | CommandClient.CommandFailed | CommandClient.Conflict e) {
            log.warn("cannot give job {} its Secret or Service: {}", id, e.getMessage());
        }
    }

    /**
     * An interactive job's Service, made once its Job exists (it is the Service's owner), and its address told; a
     * Service left by an executor that crashed is kept.
     */
    private void openInteractive(StoredJob job, Job created) {
        if (!job.spec().interactive()) {
            return;
        }
        kube.createServiceIfAbsent(JobManifests.interactiveService(job, settings, created));
        executor.checkpoint("service-created", job.jobId());
        String url = executor.interactive().serviceUrl(created.getMetadata().getName(), kube.namespace());
        report(() -> listener.interactive(job.jobId(), url));
    }

    private void refusedOrRetried(StoredJob job, KubernetesClientException e) {
        if (e.getCode() >= 400 && e.getCode() < 500 && e.getCode() != 409 && e.getCode() != 429) {
            executor.revokeTokens(job.jobId());
            report(() -> listener.failed(job.jobId(), "JobRejected", "Kubernetes refused the job's Job: "
                    + e.getMessage()));
            launchWhatFits();
            return;
        }
        log.warn("cannot create the Kubernetes Job of job {} now, trying again in {} s: {}", job.jobId(),
                RETRY_SECONDS, e.getMessage());
        try {
            worker.schedule(alive(() -> {
                waiting.addFirst(job);
                launchWhatFits();
            }), RETRY_SECONDS, TimeUnit.SECONDS);
        } catch (RejectedExecutionException stopped) {
            // the backend stopped meanwhile
        }
    }

    /** What the job's Job and pod say now, reported; a job that ended frees its place. */
    private void observe(long jobId, boolean deleted) {
        Tracked job = tracked.get(jobId);
        if (job == null) {
            return;
        }
        Job current = informers.job(JobManifests.jobName(settings.instance(), jobId));
        if (current == null && !deleted) {
            return; // created but not yet seen by the informer
        }
        Optional<Pod> pod = informers.pod(jobId);
        PodStates.State state = PodStates.of(current, pod.orElse(null), clock.instant(), settings.imagePullGrace());
        if (state instanceof PodStates.Running running && !job.started) {
            job.started = true;
            report(() -> {
                if (running.imageDigest() != null) {
                    listener.ranImage(jobId, running.imageDigest());
                }
                listener.starting(jobId, () -> new JobListener.Started(0, running.startedAt()));
                executor.checkpoint("started-reported", jobId);
            });
        } else if (state instanceof PodStates.Exited exited) {
            String tail = kube.logTail(pod.orElseThrow(), LOG_TAIL_LINES);
            finish(jobId);
            report(() -> {
                executor.checkpoint("end-decided", jobId);
                listener.exited(jobId, exited.exitCode(), tail, () -> kube.log(pod.get()));
                executor.checkpoint("end-reported", jobId);
                executor.revokeTokens(jobId);
            });
        } else if (state instanceof PodStates.Failed failed) {
            finish(jobId);
            // reported before its Job goes: a crash in between finds the Job on restart and reports it again
            report(() -> {
                executor.checkpoint("end-decided", jobId);
                listener.failed(jobId, failed.error(), failed.message(),
                        pod.isPresent() ? () -> kube.log(pod.get()) : null);
                executor.checkpoint("end-reported", jobId);
                executor.revokeTokens(jobId);
                if (current != null) {
                    deleteJob(jobId);
                }
            });
        } else if (state instanceof PodStates.Waiting waiting && !waiting.message().equals(job.waitingFor)) {
            job.waitingFor = waiting.message();
            report(() -> listener.waiting(jobId, waiting.message()));
        }
    }

    private void onWorker(Runnable task) {
        try {
            worker.execute(alive(task));
        } catch (RejectedExecutionException stopped) {
            // the backend stopped: nothing more is decided here
        }
    }

    /** A task that does nothing once the backend has crashed (a killed process acts no more). */
    private Runnable alive(Runnable task) {
        return () -> {
            if (!crashed) {
                task.run();
            }
        };
    }

    /** Reports go to command-service in the order they were decided, off the thread that decides. */
    private void report(Runnable call) {
        if (reports.isShutdown()) {
            return;
        }
        reports.execute(() -> {
            if (crashed) {
                return;
            }
            try {
                call.run();
            } catch (RuntimeException e) {
                log.warn("a report of the Kubernetes backend failed: {}", e.getMessage(), e);
            }
        });
    }

    /** The job ended here: its place goes to the next one. */
    private void finish(long jobId) {
        tracked.remove(jobId);
        launchWhatFits();
    }

    private void deleteJob(long jobId) {
        try {
            kube.deleteJob(JobManifests.jobName(settings.instance(), jobId));
        } catch (KubernetesClientException e) {
            log.warn("cannot delete the Kubernetes Job of job {}: {}", jobId, e.getMessage());
        }
    }

    /** Starts the informers once the executor knows its id (and so its labels); on the worker. */
    private void watch(JobListener jobListener) {
        this.listener = jobListener;
        if (informers != null) {
            return;
        }
        informers = new JobInformers(client, kube.namespace(), selector(), new JobInformers.Changes() {
            @Override
            public void changed(long jobId, boolean jobDeleted) {
                onWorker(() -> observe(jobId, jobDeleted));
            }

            @Override
            public void restarted() {
                onWorker(() -> List.copyOf(tracked.keySet()).forEach(id -> observe(id, false)));
            }
        }, worker);
        informers.start();
        // an image that keeps failing to pull changes nothing Kubernetes reports: its grace runs out on the clock
        worker.scheduleWithFixedDelay(alive(() -> List.copyOf(tracked.keySet()).forEach(id -> observe(id, false))),
                RECHECK_SECONDS, RECHECK_SECONDS, TimeUnit.SECONDS);
    }

    private Map<String, String> selector() {
        return JobManifests.executorSelector(settings.instance(), executor.executorId());
    }

    /**
     * Stops deciding and reporting at once, as a killed process would, leaving its watches to drop: the crash-point
     * test throws a backend away so. (Fabric8's mock server blocks while it closes a watch.)
     */
    void crash() {
        crashed = true;
        // not interrupted: an interrupted informer start or call would close its connection, and the mock server
        // blocks while it closes a watch
        worker.shutdown();
        launches.shutdown();
        reports.shutdown();
    }

    /** The Jobs go on without the executor: it adopts them when it starts again. */
    @PreDestroy
    public void stop() {
        worker.shutdownNow();
        launches.shutdownNow();
        reports.shutdownNow();
        if (informers != null) {
            informers.close();
        }
    }
}
