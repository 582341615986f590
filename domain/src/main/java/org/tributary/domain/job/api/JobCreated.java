package org.tributary.domain.job.api;

/** A package made a job. */
public record JobCreated(long jobId, long projectId, JobSpec spec, Long executorId) implements JobEvent {
}
