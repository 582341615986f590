package org.tributary.domain.job.api;

/** An interactive job's Jupyter is reachable at {@code url} (inside the platform's network, never shown to users). */
public record JobInteractiveOpened(long jobId, long projectId, String url) implements JobEvent {
}
