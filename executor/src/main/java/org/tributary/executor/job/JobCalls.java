package org.tributary.executor.job;

import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The calls to command-service about one job, made one after the other in the order they were asked for, on one of
 * a few threads chosen by the job's id, and never under a job's lock: a slow command-service then delays that job's
 * next report, never the executor API's threads that hold a lock, nor another job that shares the lock's stripe.
 * A job's reports (Queued, Started, Downloaded) are queued here while its lock is held, so they leave in the order
 * its steps were taken; an end (complete, error, dead) waits here for its answer.
 */
@Component
public class JobCalls {

    private static final int STRIPES = 4;
    private static final String THREAD = "job-calls-";

    private final ExecutorService[] stripes = new ExecutorService[STRIPES];

    public JobCalls() {
        for (int i = 0; i < STRIPES; i++) {
            int stripe = i;
            stripes[i] = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, THREAD + stripe);
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    /** Queues a call that nobody waits for (a status report); its failures are the call's to log. */
    public void later(long jobId, Runnable call) {
        stripe(jobId).execute(call);
    }

    /**
     * Makes a call after the job's queued ones and answers its result; what the call throws is thrown here, as it
     * was thrown.
     */
    public <T> T now(long jobId, Supplier<T> call) {
        if (Thread.currentThread().getName().startsWith(THREAD)) {
            // already on a stripe (a call that ends its job): waiting for another would be waiting for itself
            return call.get();
        }
        CompletableFuture<T> answer = CompletableFuture.supplyAsync(call, stripe(jobId));
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a call about job " + jobId, e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    public void now(long jobId, Runnable call) {
        now(jobId, () -> {
            call.run();
            return null;
        });
    }

    private ExecutorService stripe(long jobId) {
        return stripes[(int) Math.floorMod(jobId, (long) STRIPES)];
    }

    @PreDestroy
    void stop() {
        for (ExecutorService stripe : stripes) {
            stripe.shutdownNow();
        }
    }
}
