package org.tributary.domain.job.api;

/**
 * A package made a job, or a user restarted one.
 *
 * @param restartOf the job this one runs again, with the same inputs; {@code null} for a job a package made
 */
public record JobCreated(long jobId, long projectId, JobSpec spec, Long executorId, Long restartOf)
        implements JobEvent {

    public JobCreated(long jobId, long projectId, JobSpec spec, Long executorId) {
        this(jobId, projectId, spec, executorId, null);
    }
}
