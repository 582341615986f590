package org.tributary.domain.job.api;

import org.tributary.domain.shared.ExecutorAddressed;

/**
 * The job was stopped before its script ended: a user cancelled it, or its executor stopped an interactive job that
 * stayed idle past its limit ({@code reason} says so; empty for a user's cancel). It is addressed to the executor it
 * was dispatched to, which stops its process or pod.
 */
public record JobCancelled(long jobId, long projectId, long executorId, String reason)
        implements JobEvent, ExecutorAddressed {

    /** A user's cancel. */
    public JobCancelled(long jobId, long projectId, long executorId) {
        this(jobId, projectId, executorId, "");
    }

    public JobCancelled {
        reason = reason == null ? "" : reason;
    }
}
