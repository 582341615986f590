package org.tributary.executor.backend;

import java.time.Instant;
import java.util.function.Supplier;

/** What a backend reports about the jobs it runs. */
public interface JobListener {

    /**
     * The job's process is about to start; {@code start} starts it and answers its handle. The listener runs it
     * under the job's lock, so that no later report of the job (Downloaded) can overtake Started.
     */
    void starting(long jobId, RunnerStart start);

    /**
     * The runner ended. When it never made its final report, the job failed with {@code RunnerFailed}, and
     * {@code printed} (what the process or pod printed, read only when needed; null when unknown) becomes its log.
     */
    void exited(long jobId, int exitCode, String outputTail, Supplier<byte[]> printed);

    /** Why the job has not started yet, in the cluster's words (no node fits, its image is being pulled). */
    default void waiting(long jobId, String reason) {
    }

    /** The job's container runs this image (by digest), as the cluster reports it. */
    default void ranImage(long jobId, String imageDigest) {
    }

    /** The interactive job's Jupyter listens at {@code url} (a base URL the gateway reaches). */
    default void interactive(long jobId, String url) {
    }

    /** The backend could not run the job, or lost it. */
    void failed(long jobId, String error, String message);

    /** As above, with what the job printed before it was stopped: kept as its log. */
    default void failed(long jobId, String error, String message, Supplier<byte[]> printed) {
        failed(jobId, error, message);
    }

    /** Starts the job's runner. */
    interface RunnerStart {
        Started start() throws Exception;
    }

    /** The started runner: an id of the process or pod and when it started. */
    record Started(long pid, Instant startedAt) {
    }
}
