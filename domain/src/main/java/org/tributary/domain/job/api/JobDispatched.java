package org.tributary.domain.job.api;

import org.tributary.domain.shared.ExecutorAddressed;

/** A job was handed to an executor; it carries the whole spec so the executor needs nothing else. */
public record JobDispatched(long jobId, long projectId, long executorId, JobSpec spec) implements JobEvent, ExecutorAddressed {
}
