package org.tributary.domain.job.api;

import org.tributary.domain.shared.ExecutorAddressed;

/** The executor took the job. */
public record JobClaimed(long jobId, long projectId, long executorId) implements JobEvent, ExecutorAddressed {
}
