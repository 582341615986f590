package org.tributary.domain.job.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * No executor claimed the job in time: it ends in Error {@code Unclaimed} instead of staying Dispatched for ever.
 * Sent by command-service's timer; a job claimed meanwhile is left alone.
 */
public record ExpireDispatch(@TargetAggregateIdentifier long jobId, String message) {
}
