package org.tributary.standalone;

import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C (SIGINT), SIGTERM and SIGHUP stop the platform in its order before the JVM shuts down. Left to the JVM,
 * these signals would run every shutdown hook at once, and libraries bring their own: Qpid Broker-J closes the
 * broker from its hook while the services still use it (their consumers fail, the broker's own close then fails).
 * Handling the signal first closes the platform (the broker's close takes its hook away), then exits.
 */
final class StopSignals {

    private static final AtomicBoolean received = new AtomicBoolean();

    private StopSignals() {
    }

    static void install(AutoCloseable platform) {
        for (String name : new String[]{"INT", "TERM", "HUP"}) {
            try {
                Signal.handle(new Signal(name), signal -> stop(platform, signal));
            } catch (IllegalArgumentException e) {
                // the JVM keeps this signal (-Xrs, or no such signal here): the shutdown hook still closes in order
                LoggerFactory.getLogger(StopSignals.class).debug("cannot handle SIG{}: {}", name, e.getMessage());
            }
        }
    }

    private static void stop(AutoCloseable platform, Signal signal) {
        if (!received.compareAndSet(false, true)) {
            // a second Ctrl-C while stopping: the first one is already closing everything in order
            return;
        }
        Thread stopper = new Thread(() -> {
            try {
                platform.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(StopSignals.class).warn("stopping failed: {}", e.toString());
            } finally {
                // the usual status of a process ended by this signal
                System.exit(128 + signal.getNumber());
            }
        }, "tributary-stop");
        // the signal's thread is a daemon, and so would this one be: the JVM would end with status 0 as soon as the
        // services' threads are gone, before the broker and PostgreSQL are stopped
        stopper.setDaemon(false);
        stopper.start();
    }
}
