package org.tributary.domain.job.api;

/** Why the job has not started yet, as its executor sees it. */
public record JobWaiting(long jobId, long projectId, String reason) implements JobEvent {
}
