package org.tributary.e2e;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * A bench's packages before the measured ones, so that the JIT has compiled the path: the figures are the steady
 * state of a platform that has been running, not a fresh JVM's first seconds.
 */
final class WarmUp {

    private WarmUp() {
    }

    /**
     * {@code post}s {@code packages} times from the bench's clients, then waits until {@code taken} holds; nothing
     * when there are none.
     */
    static void run(ExecutorService clients, int packages, Runnable post, BooleanSupplier taken, Duration atMost)
            throws Exception {
        if (packages == 0) {
            return;
        }
        List<Future<?>> posts = new ArrayList<>(packages);
        for (int i = 0; i < packages; i++) {
            posts.add(clients.submit(post));
        }
        for (Future<?> posted : posts) {
            posted.get();
        }
        Awaitility.await().atMost(atMost).until(taken::getAsBoolean);
    }
}
