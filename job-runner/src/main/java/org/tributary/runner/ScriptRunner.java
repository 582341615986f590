package org.tributary.runner;

import org.tributary.runner.api.Job;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the node's script (or Jupyter, for an interactive job) with bash in the job folder; stdout and stderr merged
 * and every line timestamped into the job log, which is what {@code ( script ) 2>&1 | ts | tee -a <id>.log} does in
 * the original.
 *
 * <p>The script is passed with {@code bash -c}: no temporary file to clean up or to leak into the uploaded job tree,
 * and {@code $0}/stdin stay free for the script. The price is Linux's limit of 128 KiB for one argument, far above
 * any node script (a one-line command such as {@code python run.py}).
 */
final class ScriptRunner {

    /** What the original reports for an empty script. */
    static final int EMPTY_SCRIPT_EXIT_CODE = 1;
    /** Reported when bash itself cannot be started, as a shell reports a missing command. */
    static final int CANNOT_START_EXIT_CODE = 127;

    private static final int MAX_LINE_BYTES = 64 * 1024;
    /** After bash exits, how long its output may take to drain; a background child holding the pipe is not awaited. */
    private static final long DRAIN_SECONDS = 5;

    static final String JUPYTER = """
            if command -v jupyter-lab >/dev/null 2>&1; then jupyter=jupyter-lab; else jupyter=jupyter-notebook; fi
            exec "$jupyter" --ServerApp.base_url="$JUPYTER_BASE_URL" --ServerApp.token='' --ip="${JUPYTER_IP:-0.0.0.0}" \
             ${JUPYTER_PORT:+--port="$JUPYTER_PORT" --ServerApp.port_retries=0} --no-browser --allow-root
            """;

    private final Path root;
    private final Map<String, String> environment;
    private final JobLog log;
    private final boolean ownSession;
    private volatile Process process;
    private volatile boolean aborted;

    ScriptRunner(Path root, Map<String, String> environment, JobLog log) {
        this(root, environment, log, false);
    }

    /** @param ownSession whether bash starts in a session of its own ({@code setsid} execs it in place) */
    ScriptRunner(Path root, Map<String, String> environment, JobLog log, boolean ownSession) {
        this.ownSession = ownSession;
        this.root = root;
        this.environment = ScriptEnvironment.clean(environment);
        this.log = log;
    }

    /** Runs the job's command and answers its exit code. */
    int run(Job job) throws InterruptedException {
        String jupyterBaseUrl = environment.get("JUPYTER_BASE_URL");
        String command;
        if (job.isInteractive() && jupyterBaseUrl != null && !jupyterBaseUrl.isBlank()) {
            log.info("Interactive job: starting Jupyter at " + jupyterBaseUrl);
            command = JUPYTER;
        } else {
            command = job.node() == null ? null : job.node().script();
            if (command == null || command.isBlank()) {
                log.info("Empty script: nothing to do.");
                return EMPTY_SCRIPT_EXIT_CODE;
            }
        }

        List<String> line = new java.util.ArrayList<>(List.of(bash(), "-c", command));
        if (ownSession) {
            setsid().ifPresent(setsid -> line.add(0, setsid));
        }
        ProcessBuilder builder = new ProcessBuilder(line)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process started;
        synchronized (this) {
            if (aborted) {
                log.info("Aborted before the script started.");
                return CANNOT_START_EXIT_CODE;
            }
            try {
                started = builder.start();
            } catch (IOException e) {
                log.info("Cannot start bash: " + e.getMessage());
                return CANNOT_START_EXIT_CODE;
            }
            process = started;
        }

        Thread pump = new Thread(() -> pump(started.getInputStream()), "job-output");
        pump.setDaemon(true);
        pump.start();
        int exitCode = started.waitFor();
        pump.join(TimeUnit.SECONDS.toMillis(DRAIN_SECONDS));
        if (pump.isAlive()) {
            log.info("The script exited but a background process still holds its output; not waiting for it.");
        }
        log.info("Script finished with exit code " + exitCode + ".");
        return exitCode;
    }

    /** Kills the script and everything it started (the runner is being stopped). */
    void abort() {
        Process running;
        synchronized (this) {
            aborted = true;
            running = process;
        }
        if (running != null && running.isAlive()) {
            running.descendants().forEach(ProcessHandle::destroyForcibly);
            running.destroyForcibly();
        }
    }

    /** Splits the output at '\n' only (as ts does: a '\r' progress bar stays on its line). */
    private void pump(InputStream output) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (output) {
            for (int n; (n = output.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        emit(line);
                    } else {
                        line.write(b);
                        if (line.size() >= MAX_LINE_BYTES) {
                            emit(line);
                        }
                    }
                }
            }
        } catch (IOException e) {
            log.info("Reading the script's output failed: " + e.getMessage());
        }
        if (line.size() > 0) {
            emit(line);
        }
    }

    private void emit(ByteArrayOutputStream line) {
        log.line(line.toString(StandardCharsets.UTF_8));
        line.reset();
    }

    private static java.util.Optional<String> setsid() {
        return java.util.stream.Stream.of("/usr/bin/setsid", "/bin/setsid")
                .filter(path -> Files.isExecutable(Path.of(path))).findFirst();
    }

    private static String bash() {
        // ProcessBuilder looks a bare name up in the runner's PATH, not the script's: prefer the usual absolute path.
        for (String candidate : new String[]{"/bin/bash", "/usr/bin/bash"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "bash";
    }
}
