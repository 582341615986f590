package org.tributary.runner;

import org.tributary.runner.api.ErrorReport;
import org.tributary.runner.api.Heartbeat;
import org.tributary.runner.api.InputPackage;
import org.tributary.runner.api.Job;
import org.tributary.runner.api.JobFile;
import org.tributary.runner.api.StatusUpdate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * A conforming job runner, the Java equivalent of {@code rndflow-execute --host <URL> --job <id>}: downloads the
 * job's inputs into {@code <cwd>/<id>/}, reports {@code downloaded}, runs the node's script with heartbeats, uploads
 * the job tree and reports the exit code.
 *
 * <p>{@link #run()} answers {@link #REPORTED} when the job was reported (whatever the script's exit code),
 * {@link #DOWNLOAD_FAILED} or {@link #UPLOAD_FAILED} otherwise; the command line exits with that code, and with
 * {@link #USAGE_ERROR} when its arguments or environment are incomplete.
 */
public final class JobRunner {

    public static final int REPORTED = 0;
    public static final int USAGE_ERROR = 1;
    public static final int DOWNLOAD_FAILED = 2;
    public static final int UPLOAD_FAILED = 3;
    /** The runner was {@linkplain #abort() stopped}: the script was killed and nothing was uploaded or reported. */
    public static final int ABORTED = 4;

    /**
     * The first heartbeat leaves this long after the start (or after one interval, when that is shorter), not at
     * once: every other call about the job tells the executor it is alive, and a job that ends within it, as most
     * short jobs do, makes one call fewer; a longer one shows its log's tail within these seconds.
     */
    static final long FIRST_HEARTBEAT_MILLIS = 5_000;

    private final RunnerConfig config;
    private final PrintStream console;
    private final boolean scriptInOwnSession;
    private final IntPredicate endedByTheHostsStop;
    private volatile ScriptRunner script;
    private volatile boolean aborted;

    public JobRunner(RunnerConfig config) {
        this(config, System.out);
    }

    /** @param console where the log's lines are echoed (the runner's stdout on the command line) */
    public JobRunner(RunnerConfig config, PrintStream console) {
        this(config, console, false);
    }

    /**
     * @param scriptInOwnSession whether the script runs in a session of its own ({@code setsid}, where there is
     *                           one), so that a terminal's Ctrl-C meant for the process that runs this runner in a
     *                           thread does not reach the script; the runner stops it when it is stopped
     */
    public JobRunner(RunnerConfig config, PrintStream console, boolean scriptInOwnSession) {
        this(config, console, scriptInOwnSession, exitCode -> false);
    }

    /**
     * @param endedByTheHostsStop whether a script that ended with this exit code was ended by the signal that stops
     *                            the process running this runner in a thread, before that stop {@linkplain #abort()
     *                            aborted} it: a terminal's Ctrl-C reaches a script whose {@code setsid} has not yet
     *                            left the host's process group, a service manager signals every process of its
     *                            service. Such a script is treated as aborted: nothing is uploaded or reported.
     */
    public JobRunner(RunnerConfig config, PrintStream console, boolean scriptInOwnSession,
                     IntPredicate endedByTheHostsStop) {
        this.config = config;
        this.console = console;
        this.scriptInOwnSession = scriptInOwnSession;
        this.endedByTheHostsStop = endedByTheHostsStop;
    }

    public static void main(String[] args) {
        System.exit(launch(args, System.getenv(), Path.of("").toAbsolutePath(), System.out, System.err, true));
    }

    /**
     * The command line without {@code System.exit}: parses {@code args} and {@code env}, runs the job in
     * {@code <workingDirectory>/<id>/} and answers the process exit code.
     */
    public static int launch(String[] args, Map<String, String> env, Path workingDirectory, PrintStream out,
                             PrintStream err) {
        return launch(args, env, workingDirectory, out, err, false);
    }

    private static int launch(String[] args, Map<String, String> env, Path workingDirectory, PrintStream out,
                              PrintStream err, boolean killScriptOnShutdown) {
        RunnerConfig config;
        try {
            config = RunnerConfig.fromCommandLine(args, env, workingDirectory);
        } catch (IllegalArgumentException e) {
            err.println("job-runner: " + e.getMessage());
            err.println(RunnerConfig.USAGE);
            return USAGE_ERROR;
        }
        JobRunner runner = new JobRunner(config, out);
        if (killScriptOnShutdown) {
            // A stopped runner (SIGTERM from the executor) must not leave the user's script running.
            Runtime.getRuntime().addShutdownHook(new Thread(runner::abort, "job-runner-shutdown"));
        }
        return runner.run();
    }

    /** Runs the job to its report; see the class comment for the answer. */
    public int run() {
        Path root = config.jobDirectory();
        JobLog log;
        try {
            Files.createDirectories(root);
            log = new JobLog(root.resolve(config.jobId() + ".log"), config.clock(), console);
        } catch (IOException e) {
            console.println("job-runner: cannot create the job folder " + root + ": " + e);
            return DOWNLOAD_FAILED;
        }
        ExecutorApi api = new ExecutorApi(config.baseUrl(), config.jobId(), config.refreshToken(),
                config.retryBackoff(), log::info);
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "job-heartbeat-" + config.jobId());
            thread.setDaemon(true);
            return thread;
        });
        try (log) {
            Job job;
            try {
                log.info("Job " + config.jobId() + ": downloading inputs from " + config.baseUrl());
                api.authenticate();
                job = api.job();
                long interval = config.heartbeatInterval().toMillis();
                heartbeats.scheduleWithFixedDelay(() -> beat(api, log), Math.min(interval, FIRST_HEARTBEAT_MILLIS),
                        interval, TimeUnit.MILLISECONDS);
                List<JobFile> files = api.files();
                List<InputPackage> packages = api.packages();
                new InputDownloader(root, api, log).download(job, files, packages);
                api.status(StatusUpdate.DOWNLOADED);
            } catch (IOException | RuntimeException e) {
                stop(heartbeats);
                if (aborted) {
                    // stopped while downloading (the executor closes): not the inputs' fault, nothing to report
                    log.info("Stopped while downloading: " + describe(e));
                    return ABORTED;
                }
                fail(api, log, ErrorReport.DOWNLOAD_ERROR, e);
                return DOWNLOAD_FAILED;
            }

            int exitCode;
            try {
                script = new ScriptRunner(root, config.environment(), log, scriptInOwnSession);
                if (aborted) {
                    script.abort();
                }
                exitCode = script.run(job);
                if (aborted || endedByTheHostsStop.test(exitCode)) {
                    log.info("Stopped: the script's outputs are not uploaded.");
                    return ABORTED;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                script.abort();
                log.info("Interrupted while the script ran.");
                return UPLOAD_FAILED;
            }

            try {
                new OutputUploader(root, api, log).upload(exitCode, () -> stop(heartbeats));
            } catch (IOException | RuntimeException e) {
                stop(heartbeats);
                fail(api, log, ErrorReport.UPLOAD_ERROR, e);
                return UPLOAD_FAILED;
            }
            return REPORTED;
        } catch (IOException e) {
            console.println("job-runner: cannot close the log: " + e);
            return UPLOAD_FAILED;
        } finally {
            stop(heartbeats);
        }
    }

    /** Kills the script, if one runs (for a shutdown hook or an executor that stops the job). */
    public void abort() {
        aborted = true;
        ScriptRunner running = script;
        if (running != null) {
            running.abort();
        }
    }

    private static void beat(ExecutorApi api, JobLog log) {
        try {
            api.heartbeat(new Heartbeat(log.tail()));
        } catch (IOException | RuntimeException e) {
            // A missed heartbeat is not a failed job; the next one may get through.
            log.info("Heartbeat failed: " + e.getMessage());
        }
    }

    private static void fail(ExecutorApi api, JobLog log, String error, Exception cause) {
        String message = describe(cause);
        log.info(error + ": " + message);
        if (!api.authenticated()) {
            // Without an access token the report would only repeat the refused or unreachable refresh.
            log.info("Cannot report the " + error + ": never authenticated.");
            return;
        }
        try {
            api.error(new ErrorReport(error, message));
        } catch (IOException | RuntimeException e) {
            log.info("Cannot report the " + error + ": " + describe(e));
        }
    }

    /** A failure in one line: our own exceptions by message, others by type and the first message in the chain. */
    static String describe(Throwable failure) {
        if (failure instanceof DownloadException || failure instanceof ApiException) {
            return failure.getMessage();
        }
        String message = null;
        for (Throwable t = failure; t != null && message == null; t = t.getCause()) {
            message = t.getMessage();
        }
        return failure.getClass().getName() + (message == null ? "" : ": " + message);
    }

    private static void stop(ScheduledExecutorService heartbeats) {
        heartbeats.shutdown();
        try {
            if (!heartbeats.awaitTermination(10, TimeUnit.SECONDS)) {
                heartbeats.shutdownNow();
            }
        } catch (InterruptedException e) {
            heartbeats.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
