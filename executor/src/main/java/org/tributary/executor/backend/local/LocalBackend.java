package org.tributary.executor.backend.local;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.tributary.executor.backend.JobBackend;
import org.tributary.executor.backend.JobSecret;
import org.tributary.executor.backend.JobSecrets;
import org.tributary.executor.command.CommandClient;
import org.tributary.executor.backend.JobListener;
import org.tributary.executor.config.ExecutorIdentity;
import org.tributary.executor.config.ExecutorProperties;
import org.tributary.executor.config.PublicUrl;
import org.tributary.executor.interactive.InteractiveSettings;
import org.tributary.executor.job.JobState;
import org.tributary.executor.job.StoredJob;
import org.tributary.executor.jobapi.JobTokens;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Runs each job's runner in {@code <work-dir>/<executor id>/}, at most {@code max-running-jobs} at once (the others
 * wait in order): the bundled runner as a thread of this JVM ({@link InProcessRunner}; with
 * {@code tributary.executor.local.in-process=false} a JVM of its own per job), a configured runner command as a
 * local process. The runner gets a cleaned environment: PATH and HOME of this JVM, TZ, and its own refresh token.
 * Its output is appended to {@code <job id>.runner.log} beside the job's folder, whose last lines explain a runner
 * that died.
 */
@Component
@ConditionalOnProperty(name = "tributary.executor.backend", havingValue = "local", matchIfMissing = true)
public class LocalBackend implements JobBackend {

    private static final Logger log = LoggerFactory.getLogger(LocalBackend.class);
    private static final int TAIL_LINES = 30;
    /**
     * A terminal's Ctrl-C signals its whole foreground process group, which the runners would share with this JVM:
     * they would die at once and their jobs fail as RunnerFailed while the executor is still up. In a session of
     * their own they are stopped by the executor as it closes, and their jobs fail as ExecutorRestarted on the next
     * start, as for any other stop. setsid execs the runner in place (a child of this JVM leads no group), so the
     * pid the executor keeps is the runner's. Without setsid (not Linux), the runners stay in this JVM's group.
     */
    static final Optional<String> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .filter(path -> Files.isExecutable(Path.of(path))).findFirst();

    private final ExecutorProperties properties;
    private final ExecutorIdentity identity;
    private final PublicUrl publicUrl;
    private final JobTokens tokens;
    private final JobSecrets secrets;
    private final InteractiveSettings interactive;
    /** Folders put before PATH for jobs ({@code tributary.executor.local.path-prefix}): a conda env, a tool. */
    private final String pathPrefix;
    /** The runner's command line; null when the bundled runner runs in this JVM. */
    private final RunnerCommand command;
    /** Whether the bundled runner runs as a thread of this JVM rather than a process of its own. */
    private final boolean inProcess;
    private final ThreadPoolExecutor slots;
    private final Map<Long, StartedRunner> running = new ConcurrentHashMap<>();
    /** Whether a runner's or script's end belongs to the stop of this JVM rather than to its job. */
    private final JvmStop stop = new JvmStop(Duration.ofSeconds(5)).watch();

    public LocalBackend(ExecutorProperties properties, ExecutorIdentity identity, PublicUrl publicUrl, JobTokens tokens,
                        JobSecrets secrets, InteractiveSettings interactive,
                        @org.springframework.beans.factory.annotation.Value("${tributary.executor.local.path-prefix:}")
                        String pathPrefix,
                        @org.springframework.beans.factory.annotation.Value(
                                "${tributary.executor.local.in-process:true}") boolean inProcess) {
        this.interactive = interactive;
        this.pathPrefix = pathPrefix == null ? "" : pathPrefix.strip();
        this.properties = properties;
        this.secrets = secrets;
        this.identity = identity;
        this.publicUrl = publicUrl;
        this.tokens = tokens;
        // the bundled runner in this JVM needs no command line, nor its jars copied out of a fat jar to make one
        this.inProcess = inProcess && properties.runnerCommand().isEmpty();
        this.command = this.inProcess ? null
                : RunnerCommand.of(properties.runnerCommand(), properties.workDir().resolve("runner-lib"));
        int max = properties.capabilities().maxRunningJobs();
        AtomicInteger threads = new AtomicInteger();
        this.slots = new ThreadPoolExecutor(max, max, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "local-job-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void submit(StoredJob job, JobListener listener) {
        slots.execute(() -> run(job, listener));
    }

    /**
     * Queued jobs never ran, so they are launched now. Jobs that had started are failed: their process died with
     * (or was stopped before) the executor, and running a script twice is not safe in general, since it may already
     * have had effects outside its folder. A leftover runner that outlived the executor is stopped first.
     */
    @Override
    public void resume(List<StoredJob> jobs, JobListener listener) {
        for (StoredJob job : jobs) {
            if (job.state() == JobState.QUEUED) {
                submit(job, listener);
            } else {
                leftover(job).ifPresent(LocalBackend::destroyTree);
                strays(folder().resolve(Long.toString(job.jobId()))).forEach(LocalBackend::destroyTree);
                listener.failed(job.jobId(), "ExecutorRestarted", "the executor restarted while job " + job.jobId()
                        + " ran; its local process is gone and the job is not re-run");
            }
        }
    }

    private void run(StoredJob job, JobListener listener) {
        long jobId = job.jobId();
        Path folder = folder();
        Path output = output(jobId);
        StartedRunner[] runner = new StartedRunner[1];
        List<JobSecret> granted;
        try {
            // fetched before the job's lock is taken (starting): no call to command-service under it
            granted = secrets.of(job);
        } catch (CommandClient.Conflict ended) {
            log.info("job {} ended before it started (cancelled): {}", jobId, ended.getMessage());
            return;
        } catch (CommandClient.CommandFailed e) {
            listener.failed(jobId, "SecretsUnavailable", "cannot fetch the project's secrets for job " + jobId
                    + ": " + e.getMessage());
            return;
        }
        Integer jupyterPort;
        try {
            jupyterPort = job.spec().interactive() ? freePort() : null;
        } catch (IOException e) {
            listener.failed(jobId, "RunnerFailed", "no free port for the job's Jupyter: " + e.getMessage());
            return;
        }
        try {
            Files.createDirectories(folder);
            listener.starting(jobId, () -> {
                String refreshToken = tokens.issueRefresh(jobId);
                runner[0] = inProcess ? prepare(jobId, refreshToken, granted, jupyterPort)
                        : launch(jobId, refreshToken, granted, jupyterPort);
                running.put(jobId, runner[0]);
                return new JobListener.Started(runner[0].pid(), runner[0].startedAt());
            });
        } catch (Exception e) {
            if (stop.brokeStart(e)) {
                // still Queued: it starts when the executor starts again
                log.info("job {} was not started: the executor is stopping", jobId);
                return;
            }
            log.warn("cannot start the runner of job {}", jobId, e);
            tokens.revoke(jobId);
            listener.failed(jobId, "RunnerFailed", "cannot start the job runner: " + e.getMessage());
            return;
        }
        if (runner[0] == null) {
            return;
        }
        if (jupyterPort != null) {
            listener.interactive(jobId, "http://" + hostForUrl(interactive.host()) + ":" + jupyterPort);
        }
        try {
            int limit = job.spec().container().timeLimitMinutes();
            boolean ended = runner[0].await(limit);
            if (endedByTheStop(runner[0], ended)) {
                return;
            }
            if (!ended) {
                runner[0].destroy();
                listener.failed(jobId, "TimeLimitExceeded", "job " + jobId + " ran longer than its limit of "
                        + limit + " minutes and was stopped", () -> printed(output));
                return;
            }
            listener.exited(jobId, runner[0].exitCode(), tail(output), () -> printed(output));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.remove(jobId);
            if (!stop.closed()) {
                tokens.revoke(jobId);
            }
        }
    }

    /** Whether a runner's end (or its time limit) belongs to the stop of this JVM rather than to its job. */
    private boolean endedByTheStop(StartedRunner runner, boolean ended) {
        if (inProcess || !ended) {
            // the bundled runner in this JVM asked the stop itself (JobRunner's endedByTheHostsStop) and answered
            // ABORTED without a report; a runner past its limit is still running and has no exit code
            return stop.begun();
        }
        return stop.ended(runner.exitCode());
    }

    @Override
    public void stop(long jobId, java.util.function.Consumer<java.util.function.Supplier<byte[]>> then) {
        StartedRunner runner = running.get(jobId);
        if (runner == null) {
            return;
        }
        runner.destroy();
        then.accept(() -> printed(output(jobId)));
    }

    /** The runner's output file: what the job printed; followed while its process runs. */
    @Override
    public Optional<java.io.InputStream> log(long jobId, boolean follow) {
        Path output = output(jobId);
        if (!Files.isRegularFile(output)) {
            return Optional.empty();
        }
        try {
            return Optional.of(follow ? new FollowedFile(output, () -> running.containsKey(jobId))
                    : Files.newInputStream(output));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Where the job's runner writes what it and the script print. */
    private Path output(long jobId) {
        return folder().resolve(jobId + ".runner.log");
    }

    private Path folder() {
        return properties.workDir().resolve(Long.toString(identity.id()));
    }

    /** The bundled runner as a thread of this JVM, ready to run on the job's slot. */
    private StartedRunner prepare(long jobId, String refreshToken, List<JobSecret> granted, Integer jupyterPort)
            throws IOException {
        Map<String, String> env = new java.util.HashMap<>();
        environment(env, null, granted);
        if (jupyterPort != null) {
            jupyter(env, jobId, jupyterPort);
        }
        return InProcessRunner.prepare(publicUrl.get(), jobId, refreshToken, env, folder(), output(jobId),
                stop::endedBySignal);
    }

    /** The runner as a process of its own, started. */
    private StartedRunner launch(long jobId, String refreshToken, List<JobSecret> granted, Integer jupyterPort)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ownSession(command.forJob(publicUrl.get(), jobId)))
                .directory(folder().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output(jobId).toFile()));
        environment(builder.environment(), command.tokenOnStdin() ? null : refreshToken, granted);
        if (jupyterPort != null) {
            jupyter(builder.environment(), jobId, jupyterPort);
        }
        Process process = builder.start();
        // the bundled runner reads its token here, so it is in no process's environment; stdin is closed either
        // way, so nothing waits on it
        try (var stdin = process.getOutputStream()) {
            if (command.tokenOnStdin()) {
                stdin.write((refreshToken + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return StartedRunner.of(process);
    }

    private void environment(Map<String, String> env, String refreshToken, List<JobSecret> granted) {
        env.clear();
        // what a login on this machine would have, so scripts find their tools and speak UTF-8; nothing of the
        // executor's own configuration (database, S3 keys) reaches a job
        for (String name : new String[] {"PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "TMPDIR"}) {
            copy(env, name);
        }
        if (!pathPrefix.isEmpty()) {
            env.put("PATH", env.containsKey("PATH") ? pathPrefix + ":" + env.get("PATH") : pathPrefix);
        }
        env.put("TZ", properties.timeZone().getId());
        if (refreshToken != null) {
            env.put("RNDFLOW_REFRESH_TOKEN", refreshToken);
        }
        // the project's variables; registry credentials are for a cluster's image pulls, and no image is pulled here
        for (JobSecret secret : granted) {
            if (secret.isVariable()) {
                env.put(secret.environmentName(), secret.value());
            }
        }
    }

    /**
     * Where the job's Jupyter serves ({@code /interactive/<id>/}, the gateway's path) and listens: a port of its own,
     * on loopback unless the executor is told to be reached elsewhere (Jupyter runs without a token).
     */
    private void jupyter(Map<String, String> env, long jobId, int port) {
        env.put("JUPYTER_BASE_URL", "/interactive/" + jobId + "/");
        env.put("JUPYTER_PORT", Integer.toString(port));
        env.put("JUPYTER_IP", interactive.loopback() ? interactive.host().replaceAll("^\\[|]$", "") : "0.0.0.0");
    }

    /** A port nothing listens on now; Jupyter takes it a moment later (it is told not to try another). */
    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static void copy(Map<String, String> env, String name) {
        String value = System.getenv(name);
        if (value != null) {
            env.put(name, value);
        }
    }

    /** The runner's pid is reused by the OS in time; its start instant tells the leftover from a stranger. */
    private static Optional<ProcessHandle> leftover(StoredJob job) {
        if (job.pid() == null || job.pidStarted() == null) {
            return Optional.empty();
        }
        return ProcessHandle.of(job.pid()).filter(ProcessHandle::isAlive)
                .filter(handle -> handle.pid() != ProcessHandle.current().pid())   // an in-process runner's record
                .filter(handle -> handle.info().startInstant()
                .map(started -> Duration.between(started, job.pidStarted()).abs().compareTo(Duration.ofSeconds(2)) < 0)
                .orElse(false));
    }

    /**
     * Processes still working in a job's folder (Linux: their {@code /proc/<pid>/cwd}): a script whose runner died
     * with an executor that was killed outright.
     */
    static List<ProcessHandle> strays(Path jobFolder) {
        Path absolute = jobFolder.toAbsolutePath().normalize();
        List<ProcessHandle> found = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(process -> {
            try {
                Path cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd"));
                if (cwd.startsWith(absolute) && process.pid() != ProcessHandle.current().pid()) {
                    found.add(process);
                }
            } catch (IOException | UnsupportedOperationException | SecurityException gone) {
                // ended meanwhile, another user's, or no /proc: nothing known to stop
            }
        });
        return found;
    }

    static void destroyTree(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    static List<String> ownSession(List<String> command) {
        if (SETSID.isEmpty()) {
            return command;
        }
        List<String> detached = new ArrayList<>(command.size() + 1);
        detached.add(SETSID.get());
        detached.addAll(command);
        return detached;
    }

    /** What the runner printed (the script's lines among it), for the log of a job that ended without one. */
    static byte[] printed(Path output) {
        try {
            return Files.readAllBytes(output);
        } catch (IOException e) {
            return null;
        }
    }

    static String tail(Path output) {
        try (RandomAccessFile file = new RandomAccessFile(output.toFile(), "r")) {
            long length = file.length();
            int size = (int) Math.min(length, 8192);
            byte[] bytes = new byte[size];
            file.seek(length - size);
            file.readFully(bytes);
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
            return String.join("\n", Arrays.asList(lines).subList(Math.max(0, lines.length - TAIL_LINES), lines.length));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /**
     * The processes go with the executor, so that none outlives it unobserved; their jobs are failed as
     * ExecutorRestarted when it starts again.
     */
    @PreDestroy
    void stop() {
        stop.close();
        slots.shutdownNow();
        running.values().forEach(StartedRunner::destroy);
    }
}
