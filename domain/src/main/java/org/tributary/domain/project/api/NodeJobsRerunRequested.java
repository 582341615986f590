package org.tributary.domain.project.api;

import org.tributary.domain.job.api.JobStatus;

/**
 * Routing is to make a new job, on the same inputs and with the node's settings as they are then, for every job of
 * the node in the layer that had ended in {@code status} when it handles this event.
 */
public record NodeJobsRerunRequested(long projectId, long nodeId, long layerId, JobStatus status)
        implements ProjectEvent {
}
