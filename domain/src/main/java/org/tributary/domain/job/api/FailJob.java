package org.tributary.domain.job.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The job failed outside its script (download, upload, backend). */
public record FailJob(@TargetAggregateIdentifier long jobId, long executorId, String error, String message) {
}
