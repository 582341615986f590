package org.tributary.domain.job.api;

/**
 * A package made a job, or a user restarted one.
 *
 * @param restartOf the job this one runs again, with the same inputs; {@code null} for a job a package made
 * @param held      true: made while its project is switched off, it waits undispatched ({@code DispatchJob})
 */
public record JobCreated(long jobId, long projectId, JobSpec spec, Long executorId, Long restartOf, Boolean held)
        implements JobEvent {

    public JobCreated(long jobId, long projectId, JobSpec spec, Long executorId) {
        this(jobId, projectId, spec, executorId, null, null);
    }

    public JobCreated(long jobId, long projectId, JobSpec spec, Long executorId, Long restartOf) {
        this(jobId, projectId, spec, executorId, restartOf, null);
    }
}
