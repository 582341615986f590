package org.tributary.query.job;

import org.tributary.access.AccessInterceptor;
import org.tributary.access.Callers;
import org.tributary.access.ProjectAccess;
import org.tributary.domain.shared.ProjectRole;
import org.tributary.access.Access;
import org.springframework.web.bind.annotation.GetMapping;
import org.tributary.domain.job.api.JobStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.query.shared.Page;
import org.tributary.query.shared.Paging;

import java.util.List;

/** Jobs: a node's history of runs, and one job with its files and log. */
@RestController
@Access(value = Access.Rule.PROJECT, role = ProjectRole.VIEWER)
class JobController {

    private final JobQueries queries;
    private final ProjectAccess members;

    JobController(JobQueries queries, ProjectAccess members) {
        this.queries = queries;
        this.members = members;
    }

    @GetMapping("/api/projects/{projectId}/nodes/{nodeId}/jobs")
    Page<JobView> jobs(@PathVariable("projectId") long projectId, @PathVariable("nodeId") long nodeId,
                       @RequestParam(name = "data_layer_id", required = false) Long layerId,
                       @RequestParam(name = "page", defaultValue = "1") int page,
                       @RequestParam(name = "page_size", defaultValue = "10") int pageSize,
                       @RequestParam(name = "status", required = false) List<String> statuses) {
        // a status this platform does not know is refused (400 naming "status"), never taken as "none match"
        List<String> wanted = statuses == null ? List.of()
                : statuses.stream().map(JobStatus::of).map(JobStatus::wireName).distinct().toList();
        return queries.atNode(projectId, nodeId, layerId, wanted, new Paging(page, pageSize));
    }

    @GetMapping("/api/projects/{projectId}/jobs/{jobId}")
    JobView job(@PathVariable("projectId") long projectId, @PathVariable("jobId") long jobId) {
        return queries.one(projectId, jobId);
    }

    /**
     * Where the gateway proxies {@code /interactive/<job id>/}: the job's Jupyter, while it may run, asked with the
     * caller's credentials: only an editor of the job's project may work in its notebook (the same code runs there
     * as in the project's jobs). To anyone else the job runs no Jupyter. Internal: the gateway forwards only
     * {@code /api}, and answers no one with this address.
     */
    @Access(Access.Rule.SIGNED_IN)
    @GetMapping("/internal/jobs/{jobId}/interactive")
    java.util.Map<String, String> interactive(@PathVariable("jobId") long jobId) {
        return queries.interactive(jobId)
                .filter(jupyter -> AccessInterceptor.roleOf(Callers.current(), jupyter.projectId(), members)
                        .filter(role -> role.includes(ProjectRole.EDITOR)).isPresent())
                .map(jupyter -> java.util.Map.of("url", jupyter.url()))
                .orElseThrow(() -> new org.tributary.domain.shared.NotFound("job_id",
                        "job " + jobId + " runs no Jupyter now"));
    }
}
