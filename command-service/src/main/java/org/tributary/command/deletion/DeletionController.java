package org.tributary.command.deletion;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.tributary.command.routing.NodeJobs;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.access.Access;
import org.tributary.command.config.Aggregates;
import org.tributary.command.web.Commands;
import org.tributary.command.web.Versions;
import org.tributary.domain.datapackage.DataPackage;
import org.tributary.domain.datapackage.api.DeletePackage;
import org.tributary.domain.job.api.DeleteJob;
import org.tributary.domain.job.api.JobStatus;
import org.tributary.domain.project.Project;
import org.tributary.domain.project.api.DeleteProject;
import org.tributary.domain.shared.Check;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.NotFound;
import org.tributary.domain.shared.ProjectRole;

import java.util.List;

/**
 * Deleting: packages (and the jobs they were inputs of at their node, which routing deletes next), jobs (a running
 * one is cancelled first), the jobs of a node that ended in a status, and whole projects. Each deletion is an event;
 * read models drop what was deleted, and the storage upkeep frees files nothing names any more.
 */
@RestController
@RequestMapping("/api/projects/{projectId}")
@Access(value = Access.Rule.PROJECT, role = ProjectRole.EDITOR)
class DeletionController {

    /** Packages or jobs one request may delete. */
    static final int MAX_AT_ONCE = 1000;

    private final Commands commands;
    private final Aggregates aggregates;
    private final NodeJobs nodeJobs;

    DeletionController(Commands commands, Aggregates aggregates, NodeJobs nodeJobs) {
        this.commands = commands;
        this.aggregates = aggregates;
        this.nodeJobs = nodeJobs;
    }

    @DeleteMapping("/nodes/{nodeId}/packages/{packageId}")
    ResponseEntity<Void> deletePackage(@PathVariable long projectId, @PathVariable long nodeId,
                                       @PathVariable long packageId) {
        requireAtNode(projectId, nodeId, null, packageId, "package_id");
        commands.send(new DeletePackage(packageId, projectId));
        return ResponseEntity.noContent().build();
    }

    /** Several packages of a node at once; every one is checked before any is deleted. */
    @PostMapping("/nodes/{nodeId}/packages/delete")
    Deleted deletePackages(@PathVariable long projectId, @PathVariable long nodeId,
                           @RequestParam(name = "data_layer_id", required = false) Long layerId,
                           @RequestBody PackagesBody body) {
        Check.notNull("body", body);
        List<Long> packages = Check.distinctIds("packages", body.packages(), MAX_AT_ONCE);
        for (int i = 0; i < packages.size(); i++) {
            requireAtNode(projectId, nodeId, layerId, packages.get(i), "packages[" + i + "]");
        }
        packages.forEach(id -> commands.send(new DeletePackage(id, projectId)));
        return new Deleted(packages);
    }

    @DeleteMapping("/jobs/{jobId}")
    ResponseEntity<Void> deleteJob(@PathVariable long projectId, @PathVariable long jobId) {
        commands.send(new DeleteJob(jobId, projectId));
        return ResponseEntity.noContent().build();
    }

    /**
     * The jobs of a node in a layer that ended in {@code status}, as routing knows them (a job that ended a moment
     * ago may be missed: ask again).
     */
    @PostMapping("/nodes/{nodeId}/jobs/delete")
    Deleted deleteJobs(@PathVariable long projectId, @PathVariable long nodeId,
                       @RequestParam("data_layer_id") long layerId, @RequestBody StatusBody body) {
        Check.notNull("body", body);
        if (body.status() == null || body.status().isBlank()) {
            throw new InvalidInput("status", "status is required: Processed, Error, Dead or Cancelled");
        }
        JobStatus status = JobStatus.of(body.status());
        if (!status.isTerminal()) {
            throw new InvalidInput("status", "only jobs that ended are deleted by status: Processed, Error, Dead or "
                    + "Cancelled, not " + status.wireName());
        }
        aggregates.ask(Project.class, "project_id", projectId, project -> {
            project.requireNodeInLayer(nodeId, layerId);
            return null;
        });
        List<Long> jobs = nodeJobs.endedIds(nodeId, layerId, status);
        jobs.forEach(id -> commands.send(new DeleteJob(id, projectId, true)));
        return new Deleted(jobs);
    }

    /** The whole project; owners only. A version, when sent, must be current. */
    @DeleteMapping
    @Access(value = Access.Rule.PROJECT, role = ProjectRole.OWNER)
    ResponseEntity<Void> deleteProject(@PathVariable long projectId,
                                       @RequestParam(required = false) Long version,
                                       @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Long expected = version == null && ifMatch == null ? null : Versions.expected(ifMatch, version);
        commands.send(new DeleteProject(projectId, expected));
        return ResponseEntity.noContent().build();
    }

    private void requireAtNode(long projectId, long nodeId, Long layerId, long packageId, String field) {
        boolean here = aggregates.ask(DataPackage.class, field, packageId, p -> layerId == null
                ? p.sitsAtNode(projectId, nodeId) : p.sitsAt(projectId, nodeId, layerId));
        if (!here) {
            throw new NotFound(field, "package " + packageId + " is not at node " + nodeId
                    + (layerId == null ? "" : " in data layer " + layerId));
        }
    }


    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PackagesBody(List<Long> packages) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StatusBody(String status) {
    }

    /** What was deleted (jobs: what routing deletes next is not listed). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Deleted(List<Long> deleted) {
    }
}
