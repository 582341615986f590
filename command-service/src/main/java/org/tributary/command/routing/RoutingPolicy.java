package org.tributary.command.routing;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;
import org.tributary.command.config.Aggregates;
import org.tributary.command.config.IdSequences;
import org.tributary.command.executor.ExecutorDirectory;
import org.tributary.command.web.Commands;
import org.tributary.domain.datapackage.api.CreatePackage;
import org.tributary.domain.datapackage.api.PackageCreated;
import org.tributary.domain.executor.api.ExecutorRegistered;
import org.tributary.domain.job.api.CreateJob;
import org.tributary.domain.job.api.JobInput;
import org.tributary.domain.job.api.JobOutput;
import org.tributary.domain.job.api.JobProduced;
import org.tributary.domain.job.api.JobSpec;
import org.tributary.domain.job.api.MarkJobProcessed;
import org.tributary.domain.project.Project;
import org.tributary.domain.routing.Delivery;
import org.tributary.domain.routing.JobPlan;
import org.tributary.domain.shared.Ids;
import org.tributary.domain.shared.PackageOrigin;

import java.util.List;
import java.util.Optional;

/**
 * Moves packages through the graph, driven by events (no polling): a package arriving at a node makes a job there;
 * a job's outputs become packages at its node and are delivered along its push links, which make jobs in turn.
 * <p>
 * It runs in the tracking processor {@value #PROCESSOR}; the commands it sends are handled in the same unit of
 * work and database transaction as the processor's token, so an event is routed exactly once even across a crash.
 */
@Component
@ProcessingGroup(RoutingPolicy.PROCESSOR)
class RoutingPolicy {

    static final String PROCESSOR = "routing";

    private final Aggregates aggregates;
    private final Commands commands;
    private final IdSequences ids;
    private final ExecutorDirectory executors;

    RoutingPolicy(Aggregates aggregates, Commands commands, IdSequences ids, ExecutorDirectory executors) {
        this.aggregates = aggregates;
        this.commands = commands;
        this.ids = ids;
        this.executors = executors;
    }

    @EventHandler
    void on(ExecutorRegistered event) {
        executors.remember(event);
    }

    @EventHandler
    void on(PackageCreated event) {
        if (event.origin() == PackageOrigin.PRODUCED) {
            // a job's own output stays at its node; its deliveries (origin DELIVERED) make the next jobs
            return;
        }
        Optional<JobPlan> plan = aggregates.ask(Project.class, "project_id", event.projectId(),
                project -> project.planJob(event.nodeId(), event.layerId()));
        if (plan.isEmpty()) {
            return;
        }
        JobPlan job = plan.get();
        JobSpec spec = new JobSpec(event.nodeId(), event.layerId(),
                List.of(new JobInput(event.packageId(), event.label(), event.fields(), event.files())),
                job.fields(), job.container(), job.nodeFiles(), false, job.secrets());
        commands.send(new CreateJob(ids.next(Ids.Kind.AGGREGATE), event.projectId(), spec,
                executors.executorFor(job.container(), job.executorId())));
    }

    @EventHandler
    void on(JobProduced event) {
        for (JobOutput output : event.outputs()) {
            commands.send(new CreatePackage(output.packageId(), event.projectId(), event.nodeId(), event.layerId(),
                    output.label(), output.fields(), output.files(), event.inputPackageIds(),
                    PackageOrigin.PRODUCED, event.jobId(), null));
            List<Delivery> deliveries = aggregates.ask(Project.class, "project_id", event.projectId(),
                    project -> project.deliveries(event.nodeId(), output.label(), output.fields(), output.files()));
            for (Delivery delivery : deliveries) {
                commands.send(new CreatePackage(ids.next(Ids.Kind.AGGREGATE), event.projectId(),
                        delivery.targetNodeId(), event.layerId(), delivery.label(), delivery.fields(),
                        delivery.files(), event.inputPackageIds(), PackageOrigin.DELIVERED, event.jobId(),
                        output.packageId()));
            }
        }
        commands.send(new MarkJobProcessed(event.jobId()));
    }
}
