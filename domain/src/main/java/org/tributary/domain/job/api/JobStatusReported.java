package org.tributary.domain.job.api;

/** The executor reported progress (queued, started, downloaded). */
public record JobStatusReported(long jobId, long projectId, JobStatus status) implements JobEvent {
}
