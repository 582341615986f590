package org.tributary.domain.job.api;

/** The job ended in Error. */
public record JobFailed(long jobId, long projectId, String error, String message) implements JobEvent {
}
