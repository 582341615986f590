package org.tributary.domain.job.api;

import java.util.List;

/** The job's output packages are known; routing creates and delivers them. */
public record JobProduced(long jobId, long projectId, long nodeId, long layerId, List<Long> inputPackageIds, List<JobOutput> outputs) implements JobEvent {
}
