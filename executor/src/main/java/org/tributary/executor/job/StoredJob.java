package org.tributary.executor.job;

import org.tributary.domain.job.api.JobSpec;

import java.time.Instant;

/** A job as this executor keeps it: the whole spec it was dispatched with and its state here. */
public record StoredJob(long jobId, long executorId, long projectId, JobSpec spec, JobState state, Long pid,
                        Instant pidStarted, String result) {
}
