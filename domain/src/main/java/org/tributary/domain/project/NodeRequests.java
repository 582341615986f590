package org.tributary.domain.project;

import org.tributary.domain.job.api.JobStatus;
import org.tributary.domain.project.api.NodeJobsRerunRequested;
import org.tributary.domain.project.api.PackagesProcessingRequested;
import org.tributary.domain.project.api.ProcessPackages;
import org.tributary.domain.project.api.RerunNodeJobs;
import org.tributary.domain.shared.Check;
import org.tributary.domain.shared.Conflict;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.NodeKind;

import java.util.List;

/**
 * A user's requests for jobs at a node (process chosen packages, re-run ended jobs): judged against the node, then
 * carried out by routing, which reads the packages and jobs.
 */
final class NodeRequests {

    private NodeRequests() {
    }

    /**
     * @param kind   the node's kind
     * @param active whether the node runs jobs in the request's layer
     */
    static PackagesProcessingRequested process(ProcessPackages command, NodeKind kind, boolean active) {
        requireJobs(command.nodeId(), command.layerId(), kind, active);
        List<Long> packages = Check.distinctIds("packages", command.packageIds(), ProcessPackages.MAX_PACKAGES);
        List<Long> jobs = Check.listOf("job_ids", command.jobIds());
        if (jobs.size() != packages.size()) {
            throw new InvalidInput("job_ids", "one job id per package");
        }
        return new PackagesProcessingRequested(command.projectId(), command.nodeId(), command.layerId(), packages,
                jobs, command.interactive());
    }

    static NodeJobsRerunRequested rerun(RerunNodeJobs command, NodeKind kind, boolean active) {
        requireJobs(command.nodeId(), command.layerId(), kind, active);
        JobStatus status = Check.notNull("status", command.status());
        if (!status.isTerminal()) {
            throw new InvalidInput("status", "only jobs that ended are re-run: Processed, Error, Dead or Cancelled, "
                    + "not " + status.wireName());
        }
        return new NodeJobsRerunRequested(command.projectId(), command.nodeId(), command.layerId(), status);
    }

    private static void requireJobs(long nodeId, long layerId, NodeKind kind, boolean active) {
        if (kind == NodeKind.DATA) {
            throw new Conflict("node_id", "node " + nodeId + " is a data node: it runs no jobs");
        }
        if (!active) {
            throw new Conflict("data_layer_id", "node " + nodeId + " is inactive in data layer " + layerId
                    + ": make it active there first");
        }
    }
}
