package org.tributary.domain.job.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A user stops a job of this project before its script has ended; the job ends as Cancelled. */
public record CancelJob(@TargetAggregateIdentifier long jobId, long projectId) {
}
