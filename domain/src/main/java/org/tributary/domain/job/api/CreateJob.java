package org.tributary.domain.job.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a job and dispatches it to the executor ({@code null}: none available, the job fails at once).
 *
 * @param restartOf the job this one runs again (a user's restart), else {@code null}
 * @param hold      true while its project is switched off: the job is made, and waits undispatched ({@link DispatchJob})
 */
public record CreateJob(@TargetAggregateIdentifier long jobId, long projectId, JobSpec spec, Long executorId,
                        Long restartOf, Boolean hold) {

    public CreateJob(long jobId, long projectId, JobSpec spec, Long executorId) {
        this(jobId, projectId, spec, executorId, null, null);
    }

    public CreateJob(long jobId, long projectId, JobSpec spec, Long executorId, Long restartOf) {
        this(jobId, projectId, spec, executorId, restartOf, null);
    }
}
