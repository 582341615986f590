package org.tributary.domain.job.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An executor takes a dispatched job. Only the executor it was dispatched to may; a repeated claim is a no-op.
 *
 * @param queued the job waits in the executor's queue from now on: the claim reports {@link JobStatus#QUEUED} as
 *               well (one call instead of a claim and a report), unless the job has moved on already
 */
public record ClaimJob(@TargetAggregateIdentifier long jobId, long executorId, boolean queued) {

    /** A claim alone; the executor reports the job queued later. */
    public ClaimJob(long jobId, long executorId) {
        this(jobId, executorId, false);
    }
}
