package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tributary.domain.job.api.JobStatus;

/** A user asks for every job of a node in a data layer that ended in {@code status} to run again. */
public record RerunNodeJobs(@TargetAggregateIdentifier long projectId, long nodeId, long layerId, JobStatus status) {
}
