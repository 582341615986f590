package org.tributary.command.routing;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;
import org.tributary.command.config.IdSequences;
import org.tributary.command.executor.ExecutorDirectory;
import org.tributary.command.web.Commands;
import org.tributary.domain.datapackage.api.CreatePackage;
import org.tributary.domain.datapackage.api.PackageCreated;
import org.tributary.domain.executor.api.ExecutorRegistered;
import org.tributary.domain.job.api.CreateJob;
import org.tributary.domain.job.api.JobOutput;
import org.tributary.domain.job.api.JobProduced;
import org.tributary.domain.job.api.MarkJobProcessed;
import org.tributary.domain.project.api.NodeJobsRerunRequested;
import org.tributary.domain.project.api.PackagesProcessingRequested;
import org.tributary.domain.project.api.ProjectEvent;
import org.tributary.domain.project.api.ProjectSwitched;
import org.tributary.domain.job.api.DispatchJob;
import org.tributary.domain.job.api.DeleteJob;
import org.tributary.domain.datapackage.api.PackageDeleted;
import org.tributary.domain.project.api.DataLayerDeleted;
import org.tributary.domain.project.api.ProjectDeleted;

import org.tributary.domain.job.api.JobInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tributary.domain.routing.Delivery;
import org.tributary.domain.routing.Router;
import org.tributary.domain.shared.Ids;
import org.tributary.domain.shared.PackageOrigin;

import java.util.List;
import java.util.Optional;

/**
 * Moves packages through the graph, driven by events (no polling), by the rules of {@link Router}: a package
 * arriving at a compute node makes a job there (with one package from each pull link); a package arriving at a data
 * node is kept and passed on along its push links at once; a job's outputs become packages at its node and are
 * delivered along its push links, which make jobs in turn.
 * <p>
 * It runs in the tracking processor {@value #PROCESSOR}; the commands it sends are handled in the same unit of
 * work and database transaction as the processor's token, so an event is routed exactly once even across a crash.
 * It reads the graph through {@link ProjectGraphs}, which it keeps current, and the packages at nodes through
 * {@link NodePackages}, which it keeps too.
 */
@Component
@ProcessingGroup(RoutingPolicy.PROCESSOR)
class RoutingPolicy {

    static final String PROCESSOR = "routing";
    private static final Logger log = LoggerFactory.getLogger(RoutingPolicy.class);

    private final ProjectGraphs graphs;
    private final NodePackages packages;
    private final Commands commands;
    private final IdSequences ids;
    private final ExecutorDirectory executors;
    private final NodeJobs jobs;
    private final JobRecords records;
    private final UploadBackPressure uploads;

    RoutingPolicy(ProjectGraphs graphs, NodePackages packages, NodeJobs jobs, JobRecords records, Commands commands,
                  IdSequences ids, ExecutorDirectory executors, UploadBackPressure uploads) {
        this.records = records;
        this.uploads = uploads;
        this.graphs = graphs;
        this.packages = packages;
        this.jobs = jobs;
        this.commands = commands;
        this.ids = ids;
        this.executors = executors;
    }

    @EventHandler
    void on(ExecutorRegistered event) {
        executors.remember(event);
    }

    @EventHandler
    void on(ProjectEvent event, DomainEventMessage<?> message) {
        graphs.follow(message);
    }

    @EventHandler
    void on(PackageCreated event) {
        if (event.origin() == PackageOrigin.UPLOADED && CurrentUnitOfWork.isStarted()) {
            // routed once this batch commits, whether this event is handled or set aside
            uploads.routedWith(CurrentUnitOfWork.get().root());
        }
        packages.keep(event);
        if (event.origin() == PackageOrigin.PRODUCED) {
            // a job's own output stays at its node; its deliveries (origin DELIVERED) make the next jobs
            return;
        }
        Router.Arriving arriving = new Router.Arriving(event.packageId(), event.nodeId(), event.layerId(),
                event.label(), event.fields(), event.files(), event.held());
        Router.Arrival arrival = graphs.read(event.projectId(), graph -> Router.arrive(graph, arriving, packages));
        // a data node passes the package on; lineage and the producing job go with it
        deliver(event.projectId(), event.layerId(), arrival.forwards(), event.parents(), event.jobId(),
                event.packageId());
        arrival.job().ifPresent(job -> create(ids.next(Ids.Kind.AGGREGATE), event.projectId(), job, null));
    }

    @EventHandler
    void on(JobProduced event) {
        for (JobOutput output : event.outputs()) {
            commands.send(new CreatePackage(output.packageId(), event.projectId(), event.nodeId(), event.layerId(),
                    output.label(), output.fields(), output.files(), event.inputPackageIds(),
                    PackageOrigin.PRODUCED, event.jobId(), null));
            List<Delivery> deliveries = graphs.read(event.projectId(), graph -> Router.outputs(graph,
                    event.nodeId(), output.label(), output.fields(), output.files()));
            deliver(event.projectId(), event.layerId(), deliveries, event.inputPackageIds(), event.jobId(),
                    output.packageId());
        }
        commands.send(new MarkJobProcessed(event.jobId()));
    }

    /** A user's choice of packages to process: one job each, with the ids the request took. */
    @EventHandler
    void on(PackagesProcessingRequested event, DomainEventMessage<?> message) {
        graphs.follow(message);
        for (int i = 0; i < event.packageIds().size(); i++) {
            long packageId = event.packageIds().get(i);
            long jobId = event.jobIds().get(i);
            Optional<JobInput> input = packages.find(event.projectId(), event.nodeId(), event.layerId(), packageId);
            if (input.isEmpty()) {
                // checked when asked; deleted since
                log.info("package {} is no longer at node {} of layer {}: no job {}", packageId, event.nodeId(),
                        event.layerId(), jobId);
                continue;
            }
            graphs.read(event.projectId(), graph -> Router.job(graph, event.nodeId(), event.layerId(), input.get(),
                    packages, event.interactive())).ifPresent(job -> create(jobId, event.projectId(), job, null));
        }
    }

    /** Each job of the node that ended in the status runs again on its inputs, with the node's settings of now. */
    @EventHandler
    void on(NodeJobsRerunRequested event, DomainEventMessage<?> message) {
        graphs.follow(message);
        for (NodeJobs.Ended ended : jobs.endedIn(event.nodeId(), event.layerId(), event.status())) {
            graphs.read(event.projectId(), graph -> Router.rerun(graph, event.nodeId(), event.layerId(),
                    ended.inputs(), false)).ifPresent(job -> create(ids.next(Ids.Kind.AGGREGATE), event.projectId(), job,
                    ended.jobId()));
        }
    }

    /** Switched on again: the jobs made while it was off go to their executors, oldest first. */
    @EventHandler
    void on(ProjectSwitched event, DomainEventMessage<?> message) {
        graphs.follow(message);
        if (event.active()) {
            List<Long> held = jobs.held(event.projectId());
            held.forEach(jobId -> commands.send(new DispatchJob(jobId)));
            jobs.dispatched(held);
        }
    }

    /** A deleted package takes the jobs it was an input of at its node with it. */
    @EventHandler
    void on(PackageDeleted event) {
        packages.forget(event.packageId());
        jobs.madeFrom(event).forEach(jobId -> deleteJob(jobId, event.projectId()));
    }

    /** A deleted layer's running jobs are cancelled and deleted; what routing kept of it is forgotten. */
    @EventHandler
    void on(DataLayerDeleted event, DomainEventMessage<?> message) {
        graphs.follow(message);
        jobs.running(event.projectId(), event.layerId()).forEach(jobId -> deleteJob(jobId, event.projectId()));
        packages.forget(event.projectId(), event.layerId());
        jobs.forget(event.projectId(), event.layerId());
    }

    /** A deleted project's running jobs are cancelled and deleted; what routing kept of it is forgotten. */
    @EventHandler
    void on(ProjectDeleted event, DomainEventMessage<?> message) {
        graphs.follow(message);
        jobs.running(event.projectId(), null).forEach(jobId -> deleteJob(jobId, event.projectId()));
        packages.forget(event.projectId(), null);
        jobs.forget(event.projectId(), null);
    }

    /**
     * A refused command would mark the whole batch's transaction for rollback, so none is sent that would be: a job
     * a user deleted meanwhile is skipped, and one whose outputs are on their way is left to end (unlessFinishing).
     */
    private void deleteJob(long jobId, long projectId) {
        if (!jobs.deletedAlready(jobId)) {
            commands.send(new DeleteJob(jobId, projectId, true));
        }
    }

    private void create(long jobId, long projectId, Router.PlannedJob job, Long restartOf) {
        records.create(new CreateJob(jobId, projectId, job.spec(), executors.executorFor(job.plan().container(),
                job.plan().executorId()), restartOf, job.held() ? Boolean.TRUE : null));
    }

    private void deliver(long projectId, long layerId, List<Delivery> deliveries, List<Long> parents, Long jobId,
                         long sourcePackageId) {
        for (Delivery delivery : deliveries) {
            commands.send(new CreatePackage(ids.next(Ids.Kind.AGGREGATE), projectId, delivery.targetNodeId(),
                    layerId, delivery.label(), delivery.fields(), delivery.files(), parents,
                    PackageOrigin.DELIVERED, jobId, sourcePackageId));
        }
    }
}
