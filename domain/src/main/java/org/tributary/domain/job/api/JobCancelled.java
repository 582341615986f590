package org.tributary.domain.job.api;

import org.tributary.domain.shared.ExecutorAddressed;

/**
 * A user cancelled the job. It is addressed to the executor it was dispatched to, which stops its process or pod.
 */
public record JobCancelled(long jobId, long projectId, long executorId) implements JobEvent, ExecutorAddressed {
}
