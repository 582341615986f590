package org.tributary.domain.job.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The executor reports progress: queued, started or downloaded. */
public record ReportJobStatus(@TargetAggregateIdentifier long jobId, long executorId, JobStatus status) {
}
