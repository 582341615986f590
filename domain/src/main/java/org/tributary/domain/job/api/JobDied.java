package org.tributary.domain.job.api;

/** The job's runner stopped sending heartbeats; the job ended as Dead. */
public record JobDied(long jobId, long projectId, String message) implements JobEvent {
}
