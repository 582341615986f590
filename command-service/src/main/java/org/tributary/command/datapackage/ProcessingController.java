package org.tributary.command.datapackage;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.access.Access;
import org.tributary.command.config.Aggregates;
import org.tributary.command.config.IdSequences;
import org.tributary.command.web.Commands;
import org.tributary.domain.datapackage.DataPackage;
import org.tributary.domain.job.api.JobStatus;
import org.tributary.domain.project.api.ProcessPackages;
import org.tributary.domain.project.api.RerunNodeJobs;
import org.tributary.domain.shared.Check;
import org.tributary.domain.shared.Ids;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.NotFound;
import org.tributary.domain.shared.ProjectRole;

import java.util.ArrayList;
import java.util.List;

/**
 * A user's requests for jobs at a node, whatever its processing mode: process chosen packages (batch or
 * interactive), and re-run every job of the node that ended in a status. Routing makes the jobs, in the order of
 * the events, within moments; the answer is 202 with what was asked.
 */
@RestController
@RequestMapping("/api/projects/{projectId}/nodes/{nodeId}")
@Access(value = Access.Rule.PROJECT, role = ProjectRole.EDITOR)
class ProcessingController {

    private final Commands commands;
    private final Aggregates aggregates;
    private final IdSequences ids;

    ProcessingController(Commands commands, Aggregates aggregates, IdSequences ids) {
        this.commands = commands;
        this.aggregates = aggregates;
        this.ids = ids;
    }

    /** One job per package named, with the ids answered; each package must sit at this node of this layer. */
    @PostMapping("/packages/process")
    ResponseEntity<ProcessAnswer> process(@PathVariable long projectId, @PathVariable long nodeId,
                                          @RequestParam("data_layer_id") long layerId,
                                          @RequestBody ProcessBody body) {
        Check.notNull("body", body);
        // the list's own limits first: each package named costs a read of its history below
        List<Long> packages = Check.distinctIds("packages", body.packages(), ProcessPackages.MAX_PACKAGES);
        for (int i = 0; i < packages.size(); i++) {
            String field = "packages[" + i + "]";
            long packageId = packages.get(i);
            boolean here = aggregates.ask(DataPackage.class, field, packageId,
                    p -> p.sitsAt(projectId, nodeId, layerId));
            if (!here) {
                throw new NotFound(field, "package " + packageId + " is not at node " + nodeId + " in data layer "
                        + layerId);
            }
        }
        List<Long> jobs = new ArrayList<>();
        for (int i = 0; i < packages.size(); i++) {
            jobs.add(ids.next(Ids.Kind.AGGREGATE));
        }
        boolean interactive = Boolean.TRUE.equals(body.interactive());
        commands.send(new ProcessPackages(projectId, nodeId, layerId, packages, jobs, interactive));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new ProcessAnswer(jobs, packages, interactive));
    }

    /** Every job of the node in the layer that ended in {@code status} runs again on the same inputs. */
    @PostMapping("/jobs/rerun")
    ResponseEntity<RerunBody> rerun(@PathVariable long projectId, @PathVariable long nodeId,
                                    @RequestParam("data_layer_id") long layerId, @RequestBody RerunBody body) {
        Check.notNull("body", body);
        if (body.status() == null || body.status().isBlank()) {
            throw new InvalidInput("status", "status is required: Processed, Error, Dead or Cancelled");
        }
        commands.send(new RerunNodeJobs(projectId, nodeId, layerId, JobStatus.of(body.status())));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    /** @param packages package ids at this node; @param interactive run them as notebooks */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ProcessBody(List<Long> packages, Boolean interactive) {
    }

    /** {@code jobs[i]} is the job of {@code packages[i]}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ProcessAnswer(List<Long> jobs, List<Long> packages, boolean interactive) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RerunBody(String status) {
    }
}
