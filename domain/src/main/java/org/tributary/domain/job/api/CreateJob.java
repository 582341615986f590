package org.tributary.domain.job.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a job and dispatches it to the executor ({@code null}: none available, the job fails at once). */
public record CreateJob(@TargetAggregateIdentifier long jobId, long projectId, JobSpec spec, Long executorId) {
}
