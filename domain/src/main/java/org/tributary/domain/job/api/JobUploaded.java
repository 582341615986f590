package org.tributary.domain.job.api;

/** The job's files are in S3. */
public record JobUploaded(long jobId, long projectId) implements JobEvent {
}
