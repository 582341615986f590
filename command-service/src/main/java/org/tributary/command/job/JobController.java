package org.tributary.command.job;

import org.tributary.access.Access;
import org.tributary.domain.shared.ProjectRole;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.command.config.Aggregates;
import org.tributary.command.config.IdSequences;
import org.tributary.command.executor.ExecutorDirectory;
import org.tributary.command.web.Commands;
import org.tributary.domain.job.Job;
import org.tributary.domain.job.api.CancelJob;
import org.tributary.domain.job.api.CreateJob;
import org.tributary.domain.project.Project;
import org.tributary.domain.routing.Router;
import org.tributary.domain.shared.Conflict;
import org.tributary.domain.shared.Ids;

/** A user's commands to a job: cancel it, or run it again with the node's current settings. */
@RestController
@RequestMapping("/api/projects/{projectId}/jobs/{jobId}")
@Access(value = Access.Rule.PROJECT, role = ProjectRole.EDITOR)
class JobController {

    private final Commands commands;
    private final Aggregates aggregates;
    private final IdSequences ids;
    private final ExecutorDirectory executors;

    private final org.tributary.command.routing.JobRecords records;

    JobController(Commands commands, Aggregates aggregates, IdSequences ids, ExecutorDirectory executors,
                  org.tributary.command.routing.JobRecords records) {
        this.records = records;
        this.commands = commands;
        this.aggregates = aggregates;
        this.ids = ids;
        this.executors = executors;
    }

    /**
     * Cancels a job that has not ended its script; its executor deletes its process or Kubernetes Job. A repeated
     * cancel answers the same; a job that ended is a 409.
     */
    @PostMapping("/cancel")
    JobAnswer cancel(@PathVariable long projectId, @PathVariable long jobId) {
        commands.send(new CancelJob(jobId, projectId));
        return new JobAnswer(jobId, "Cancelled", null);
    }

    /**
     * A new job on the same input packages, with the node's settings as they are now (container, parameters,
     * files, executor). The node must still exist (404) and run jobs in the job's data layer (409).
     */
    @PostMapping("/restart")
    ResponseEntity<JobAnswer> restart(@PathVariable long projectId, @PathVariable long jobId,
                                      @RequestBody(required = false) RestartBody body) {
        Job.Rerun rerun = aggregates.ask(Job.class, "job_id", jobId, job -> job.rerun(projectId));
        boolean interactive = body != null && Boolean.TRUE.equals(body.interactive());
        Router.PlannedJob job = aggregates.ask(Project.class, "project_id", projectId, project -> {
            project.requireNodeInLayer(rerun.nodeId(), rerun.layerId());
            return Router.rerun(project, rerun.nodeId(), rerun.layerId(), rerun.inputs(), interactive);
        }).orElseThrow(() -> new Conflict("node_id", "node " + rerun.nodeId() + " runs no jobs in data layer "
                + rerun.layerId() + ": it is a data node, or inactive there"));
        long newJob = ids.next(Ids.Kind.AGGREGATE);
        // while the project is off, the new job waits undispatched like any other
        records.create(new CreateJob(newJob, projectId, job.spec(), executors.executorFor(job.plan().container(),
                job.plan().executorId()), jobId, job.held() ? Boolean.TRUE : null));
        return ResponseEntity.status(HttpStatus.CREATED).body(new JobAnswer(newJob, null, jobId));
    }

    /** @param interactive run the new job interactively (Jupyter) instead of its script */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RestartBody(Boolean interactive) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record JobAnswer(long id, String status, Long restartOf) {
    }
}
