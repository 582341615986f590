package org.tributary.domain.job.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The executor says why a claimed job has not started yet (no node has the GPUs it asks for, its image is being
 * pulled), so that the user sees it on the job. A reason that changed nothing, or comes after the job started, is
 * no news.
 */
public record NoteJobWaiting(@TargetAggregateIdentifier long jobId, long executorId, String reason) {
}
