package org.tributary.executor.backend.local;

import org.tributary.runner.JobRunner;
import org.tributary.runner.RunnerConfig;

import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;

/**
 * The bundled job runner as a thread of this JVM: the same {@link JobRunner} the command line runs, given the same
 * arguments, environment and token, so that it behaves exactly as its own process would, without a JVM's start per
 * job. The node's script is still a process of its own (bash), in its own folder with its own environment. What the
 * runner prints goes to the same {@code <job id>.runner.log}. It runs on the thread that {@linkplain #await awaits}
 * it: the backend's slot for the job.
 */
final class InProcessRunner implements StartedRunner {

    private static final ScheduledExecutorService LIMITS = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "in-process-runner-limits");
        thread.setDaemon(true);
        return thread;
    });
    private static final ProcessHandle JVM = ProcessHandle.current();
    private static final Instant JVM_STARTED = JVM.info().startInstant().orElse(Instant.now());

    private final JobRunner runner;
    private final PrintStream console;
    private volatile int exitCode = -1;

    private InProcessRunner(JobRunner runner, PrintStream console) {
        this.runner = runner;
        this.console = console;
    }

    /**
     * A runner for one job, ready to run; its configuration is read as the command line reads it, the token
     * as from its stdin.
     *
     * @throws IllegalArgumentException when the configuration is incomplete (as the command line's usage error)
     */
    static InProcessRunner prepare(String host, long jobId, String refreshToken, Map<String, String> environment,
                                   Path folder, Path output, IntPredicate endedByTheStop) throws IOException {
        RunnerConfig config = RunnerConfig.fromCommandLine(
                new String[] {"--host", host, "--job", Long.toString(jobId), "--refresh-token-from", "stdin"},
                environment, folder,
                new ByteArrayInputStream((refreshToken + "\n").getBytes(StandardCharsets.UTF_8)));
        PrintStream console = new PrintStream(new FileOutputStream(output.toFile(), true), true,
                StandardCharsets.UTF_8);
        // the script in a session of its own, as a runner process of its own is (LocalBackend.SETSID); a script
        // that the stop of this JVM ended nonetheless is not reported as the job's end
        return new InProcessRunner(new JobRunner(config, console, true, endedByTheStop), console);
    }

    @Override
    public long pid() {
        return JVM.pid();
    }

    @Override
    public Instant startedAt() {
        return JVM_STARTED;
    }

    /** Runs the job on this thread; past the limit the runner is stopped (its script killed, nothing uploaded). */
    @Override
    public boolean await(int limitMinutes) {
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> limit = limitMinutes <= 0 ? null : LIMITS.schedule(() -> {
            timedOut.set(true);
            runner.abort();
        }, limitMinutes, TimeUnit.MINUTES);
        try {
            exitCode = runner.run();
        } finally {
            if (limit != null) {
                limit.cancel(false);
            }
            console.close();
        }
        // a runner that made its final report ended on its own, even when the limit struck a moment later
        return !timedOut.get() || exitCode == JobRunner.REPORTED;
    }

    @Override
    public int exitCode() {
        return exitCode;
    }

    @Override
    public void destroy() {
        runner.abort();
    }
}
