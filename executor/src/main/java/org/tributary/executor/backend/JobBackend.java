package org.tributary.executor.backend;

import org.tributary.executor.job.StoredJob;

import java.util.List;

/**
 * Where jobs run: local processes, or (later) Kubernetes Jobs. A backend starts the job runner with a fresh
 * job-scoped refresh token and the executor API's URL, and tells the {@link JobListener} what became of it.
 * The runner speaks the executor API itself, so downloads, uploads and the final report do not pass through here.
 */
public interface JobBackend {

    /** Runs a claimed job as soon as the backend has room; returns at once. */
    void submit(StoredJob job, JobListener listener);

    /**
     * Called once at startup with the claimed jobs that had not ended when the executor last stopped
     * ({@code queued}, {@code started} or {@code downloaded}); the backend re-attaches, re-launches or fails each.
     */
    void resume(List<StoredJob> jobs, JobListener listener);

    /** Stops the job's process or pod, if it runs; the job has ended already (Dead, cancelled). */
    default void stop(long jobId) {
        stop(jobId, printed -> {
        });
    }

    /**
     * As {@link #stop(long)}, then hands {@code then} what the job printed until it was stopped (read only when
     * asked; null when the backend has nothing), on a thread of the backend's.
     */
    void stop(long jobId, java.util.function.Consumer<java.util.function.Supplier<byte[]>> then);

    /**
     * What the job's process or container has printed; with {@code follow}, a stream that goes on until it ends.
     * Empty when there is nothing here (not started, or this backend keeps no output).
     */
    default java.util.Optional<java.io.InputStream> log(long jobId, boolean follow) {
        return java.util.Optional.empty();
    }
}
