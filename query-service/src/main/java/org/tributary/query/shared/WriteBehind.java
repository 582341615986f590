package org.tributary.query.shared;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes a rebuild's transactions on a thread and connection of their own, in the order they were handed over, while
 * the processor handles the next events: PostgreSQL works on one core while the processor works on the other. At most
 * {@value #QUEUED} transactions wait, so that a processor faster than the database waits for it instead of filling
 * the memory. The first failure is kept: every later hand-over and {@link #awaitWritten} throws it.
 * <p>
 * Only for a rebuild (decision 21): its token commits before its writes do, which is harmless because a rebuild that
 * stops for any reason starts again from the first event, and it switches only after {@link #awaitWritten}.
 */
final class WriteBehind implements AutoCloseable {

    static final int QUEUED = 2;

    private final TransactionTemplate transactions;
    private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(QUEUED);
    private final Thread thread;
    private volatile RuntimeException failure;
    /** Handed over and not yet written (or failed). */
    private int pending;

    WriteBehind(PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.thread = new Thread(this::run, "read-model-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Writes {@code work} in a transaction of its own after everything handed over before it. */
    void submit(Runnable work) {
        throwIfFailed();
        synchronized (this) {
            pending++;
        }
        try {
            queue.put(work);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done();
            throw new IllegalStateException("interrupted handing writes over", e);
        }
    }

    /** Returns once everything handed over is written; throws the first failure. */
    void awaitWritten() throws InterruptedException {
        synchronized (this) {
            while (pending > 0 && failure == null) {
                wait(TimeUnit.SECONDS.toMillis(1));
            }
        }
        throwIfFailed();
    }

    private void throwIfFailed() {
        RuntimeException failed = failure;
        if (failed != null) {
            throw new IllegalStateException("the read model's writes failed: " + failed.getMessage(), failed);
        }
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            Runnable work;
            try {
                work = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                if (failure == null) {
                    transactions.executeWithoutResult(status -> work.run());
                }
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                done();
            }
        }
    }

    private synchronized void done() {
        pending--;
        notifyAll();
    }

    /** Lets what was handed over be written (for up to ten seconds), then stops the writer. */
    @Override
    public void close() {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (this) {
            while (pending > 0 && failure == null && System.nanoTime() < until) {
                try {
                    wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        thread.interrupt();
    }
}
