package org.tributary.command.routing;

import org.springframework.stereotype.Component;
import org.tributary.command.upkeep.ObjectRefs;
import org.tributary.command.web.Commands;
import org.tributary.domain.job.api.CreateJob;
import org.tributary.domain.job.api.JobStatus;

/**
 * Makes a job and records it where it is made: the node's jobs ({@code node_job}) and the objects its snapshot
 * names ({@code object_ref}), in the transaction of the command (routing's batch, or a user's restart). Recording
 * it from its JobCreated event instead would cost the routing processor a savepoint and a statement per job on the
 * hot path.
 */
@Component
public class JobRecords {

    private final Commands commands;
    private final NodeJobs jobs;
    private final ObjectRefs refs;

    JobRecords(Commands commands, NodeJobs jobs, ObjectRefs refs) {
        this.commands = commands;
        this.jobs = jobs;
        this.refs = refs;
    }

    public void create(CreateJob command) {
        commands.send(command);
        boolean held = command.executorId() != null && Boolean.TRUE.equals(command.hold());
        jobs.created(command.jobId(), command.projectId(), command.spec(), held,
                command.executorId() == null ? JobStatus.ERROR.wireName() : null);
        refs.jobCreated(command.projectId(), command.jobId(), command.spec());
    }
}
