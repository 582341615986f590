package org.tributary.domain.job.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Deletes a job; one still running is cancelled first.
 *
 * @param unlessFinishing true (routing's cascade): a job whose outputs are on their way is left alone rather than
 *                        refused, since a refusal would undo everything else the cascade's unit of work did
 */
public record DeleteJob(@TargetAggregateIdentifier long jobId, long projectId, boolean unlessFinishing) {

    public DeleteJob(long jobId, long projectId) {
        this(jobId, projectId, false);
    }
}
