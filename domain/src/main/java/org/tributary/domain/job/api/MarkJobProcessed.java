package org.tributary.domain.job.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The job's output packages were created and delivered. */
public record MarkJobProcessed(@TargetAggregateIdentifier long jobId) {
}
