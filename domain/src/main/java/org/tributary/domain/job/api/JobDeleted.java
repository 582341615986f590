package org.tributary.domain.job.api;

/** A job is gone, with its status history and files; the packages it produced stay. */
public record JobDeleted(long jobId, long projectId, long nodeId, long layerId) implements JobEvent {
}
