package org.tributary.domain.job.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The executor heard nothing from the job's runner for too long: the job ends as Dead, and is stopped. */
public record MarkJobDead(@TargetAggregateIdentifier long jobId, long executorId, String message) {
}
