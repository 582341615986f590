package org.tributary.domain.executor.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An executor, as it starts, says where the platform's services reach it (the live logs of its jobs), and the key
 * they show it there: made anew at each start, so that a job's pod, which reaches the executor too, cannot read
 * other jobs' logs.
 */
public record AnnounceExecutor(@TargetAggregateIdentifier long executorId, String apiUrl, String readKey) {
}
