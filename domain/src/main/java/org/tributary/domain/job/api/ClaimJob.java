package org.tributary.domain.job.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An executor takes a dispatched job. Only the executor it was dispatched to may; a repeated claim is a no-op. */
public record ClaimJob(@TargetAggregateIdentifier long jobId, long executorId) {
}
