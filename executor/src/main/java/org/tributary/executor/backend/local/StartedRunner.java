package org.tributary.executor.backend.local;

import java.time.Instant;

/** One job's started runner: a process of its own, or a thread of this JVM ({@link InProcessRunner}). */
interface StartedRunner {

    /** The process that the executor records for the job (this JVM's own for a runner in it). */
    long pid();

    Instant startedAt();

    /** Waits for the runner to end, at most {@code limitMinutes} when that is above 0; answers whether it ended. */
    boolean await(int limitMinutes) throws InterruptedException;

    /** The runner's exit code, once it ended ({@code JobRunner}'s codes for the bundled runner). */
    int exitCode();

    /** Stops the runner and everything it started (the script and its children). */
    void destroy();

    /** A runner that is a process of its own, started by a command line. */
    static StartedRunner of(Process process) {
        return new StartedRunner() {
            @Override
            public long pid() {
                return process.pid();
            }

            @Override
            public Instant startedAt() {
                return process.info().startInstant().orElse(Instant.now());
            }

            @Override
            public boolean await(int limitMinutes) throws InterruptedException {
                if (limitMinutes > 0) {
                    return process.waitFor(limitMinutes, java.util.concurrent.TimeUnit.MINUTES);
                }
                process.waitFor();
                return true;
            }

            @Override
            public int exitCode() {
                return process.exitValue();
            }

            @Override
            public void destroy() {
                LocalBackend.destroyTree(process.toHandle());
            }
        };
    }
}
