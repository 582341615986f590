package org.tributary.domain.job.api;

/** The job's outputs were created and delivered: the job is done. */
public record JobProcessed(long jobId, long projectId) implements JobEvent {
}
