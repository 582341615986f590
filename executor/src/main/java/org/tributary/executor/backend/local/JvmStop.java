package org.tributary.executor.backend.local;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Tells the end of a job's runner or script that the stop of this JVM caused from one that belongs to the job. The
 * signal that stops the JVM can reach its children too: a terminal's Ctrl-C reaches the JDK's spawn helper and a
 * child whose {@code setsid} has not yet left this JVM's process group, and a service manager signals every process
 * of its service. Such an end is part of the stop (the job fails as ExecutorRestarted at the next start, or, not yet
 * started, starts then), never the job's own failure.
 *
 * <p>The signal reaches the child a moment before the JVM's shutdown begins, so a child ended by a stop's signal
 * waits for that beginning briefly ({@code grace}); one that such a signal ended while this JVM runs on is answered
 * after that wait.
 */
final class JvmStop {

    /** 128 + SIGHUP, SIGINT, SIGQUIT or SIGTERM: how a process that such a stop signal ended exits. */
    private static final Set<Integer> STOP_SIGNAL_EXIT_CODES = Set.of(129, 130, 131, 143);

    private final Duration grace;
    /** Released as soon as the JVM begins to stop, before the backend's turn to close. */
    private final CountDownLatch begun = new CountDownLatch(1);
    private final Thread hook = new Thread(this::begin, "local-backend-stop");
    private volatile boolean closed;

    JvmStop(Duration grace) {
        this.grace = grace;
    }

    /** Watches for the JVM's shutdown (a hook that only marks its beginning). */
    JvmStop watch() {
        Runtime.getRuntime().addShutdownHook(hook);
        return this;
    }

    /** The JVM's shutdown begins: what the hook does. */
    void begin() {
        begun.countDown();
    }

    /** The backend closes (with the JVM or its application context): every end from now on belongs to the stop. */
    void close() {
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | IllegalArgumentException shuttingDownOrNeverAdded) {
            // the hook has run, runs now, or was never added: nothing to remove
        }
    }

    /** Whether the backend has closed. */
    boolean closed() {
        return closed;
    }

    /** Whether the stop has begun: the JVM's shutdown or the backend's close. */
    boolean begun() {
        return closed || begun.getCount() == 0;
    }

    /** Whether a runner that ended with this exit code ended with the stop; see the class comment. */
    boolean ended(int exitCode) {
        return begun() || endedBySignal(exitCode);
    }

    /**
     * Whether a script that ended with this exit code was ended by the stop's signal. A script that exited on its
     * own, even while the JVM stops, did not: its end is the job's, and is reported if it still can be.
     */
    boolean endedBySignal(int exitCode) {
        return STOP_SIGNAL_EXIT_CODES.contains(exitCode) && (begun() || beginsWithinGrace());
    }

    /** Whether a runner's failed start is part of the stop (a signal killed the spawn helper). */
    boolean brokeStart(Exception failure) {
        return begun() || killedBySignal(failure) && beginsWithinGrace();
    }

    private boolean beginsWithinGrace() {
        try {
            return begun.await(grace.toMillis(), TimeUnit.MILLISECONDS) || closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** The JDK's words for a helper process that a signal ended before it could exec the runner. */
    static boolean killedBySignal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException && cause.getMessage() != null
                    && cause.getMessage().matches("(?s).*\\bsignal: \\d+.*")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
