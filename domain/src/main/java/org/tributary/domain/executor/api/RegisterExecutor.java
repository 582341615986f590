package org.tributary.domain.executor.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers an executor (one per cluster or machine). */
public record RegisterExecutor(@TargetAggregateIdentifier long executorId, String label, ExecutorCapabilities capabilities) {
}
