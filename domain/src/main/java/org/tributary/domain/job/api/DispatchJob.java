package org.tributary.domain.job.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A job held while its project was off goes to its executor now; a job dispatched or ended already stays as it is. */
public record DispatchJob(@TargetAggregateIdentifier long jobId) {
}
