package org.tributary.standalone;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads that start parts side by side. They carry the caller's class loader: inside the executable jar the
 * JDK's common pool has the system class loader, which does not see the nested jars.
 */
public final class StartThreads {

    private StartThreads() {
    }

    public static ExecutorService pool(String name, int size) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(size, task -> {
            Thread thread = new Thread(task, name + "-" + n.incrementAndGet());
            thread.setContextClassLoader(loader);
            thread.setDaemon(true);
            return thread;
        });
    }
}
