package org.tributary.domain.job.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The executor of an interactive job saw no activity in its Jupyter for {@code idleMinutes} (its idle limit): the
 * job is cancelled, with that as the reason.
 */
public record StopIdleJob(@TargetAggregateIdentifier long jobId, long executorId, long idleMinutes) {
}
