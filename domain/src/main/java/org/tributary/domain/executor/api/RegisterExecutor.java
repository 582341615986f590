package org.tributary.domain.executor.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers an executor (one per cluster or machine). A null {@code executorId} is handed out on acceptance. */
public record RegisterExecutor(@TargetAggregateIdentifier Long executorId, String label, ExecutorCapabilities capabilities) {
}
