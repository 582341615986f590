package org.tributary.executor.backend;

import org.springframework.stereotype.Component;
import org.tributary.executor.command.CommandClient;
import org.tributary.executor.config.ExecutorIdentity;

import java.util.List;

/** The secrets of a claimed job, fetched from command-service when the job's process or pod is made. */
@Component
public class JobSecrets {

    private final CommandClient commands;
    private final ExecutorIdentity identity;

    public JobSecrets(CommandClient commands, ExecutorIdentity identity) {
        this.commands = commands;
        this.identity = identity;
    }

    /**
     * None, without asking, when the job's snapshot names none; else asked of command-service.
     *
     * @throws CommandClient.Conflict the job ended meanwhile (cancelled): it needs none
     * @throws CommandClient.CommandFailed command-service could not answer, after retries
     */
    public List<JobSecret> of(org.tributary.executor.job.StoredJob job) {
        return job.spec().needsNoSecrets() ? List.of() : commands.secrets(identity.id(), job.jobId());
    }
}
