package org.tributary.executor.backend.kubernetes;

import java.time.ZoneId;

/** What the Kubernetes backend needs of the executor around it; narrow, so that the backend runs alone in tests. */
public interface ExecutorSide {

    /** This executor's id: part of every label selector. */
    long executorId();

    /** The URL jobs reach the executor API at. */
    String executorUrl();

    ZoneId timeZone();

    /** Jobs at once when the settings name no limit. */
    int defaultMaxJobs();

    /** A fresh refresh token for the job's pod. */
    String issueToken(long jobId);

    /**
     * The project secrets granted to the job's node, unsealed by command-service; none by default (tests).
     *
     * @throws org.tributary.executor.command.CommandClient.Conflict the job ended meanwhile
     */
    default java.util.List<org.tributary.executor.backend.JobSecret> secrets(
            org.tributary.executor.job.StoredJob job) {
        return java.util.List.of();
    }

    /** How interactive jobs are reached; the defaults in tests. */
    default org.tributary.executor.interactive.InteractiveSettings interactive() {
        return org.tributary.executor.interactive.InteractiveSettings.defaults();
    }

    /** The job ended: none of its tokens is needed any more. */
    void revokeTokens(long jobId);

    /**
     * Called at each step that a crash could separate from the next; does nothing in production. The crash-point
     * test throws here to stop the backend at that step and start another.
     */
    default void checkpoint(String step, long jobId) {
    }
}
