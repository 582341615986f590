package org.tributary.command.secret;

import org.tributary.access.Access;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.command.config.Aggregates;
import org.tributary.domain.job.Job;
import org.tributary.domain.project.Project;
import org.tributary.domain.project.ProjectSecrets;
import org.tributary.domain.shared.SecretKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one place a secret is unsealed: for the executor that claimed a job, while the job runs, the secrets granted
 * to its node. It is a POST on the command side because it reads what only command-service can open; the gateway
 * does not route it (an executor calls command-service directly).
 */
@RestController
@Access(Access.Rule.EXECUTOR)
class JobSecretsController {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Aggregates aggregates;
    private final SecretBox box;

    JobSecretsController(Aggregates aggregates, SecretBox box) {
        this.aggregates = aggregates;
        this.box = box;
    }

    @PostMapping("/api/executors/{executorId}/jobs/{jobId}/secrets")
    JobSecrets secrets(@PathVariable long executorId, @PathVariable long jobId) {
        Job.Placement placement = aggregates.ask(Job.class, "job_id", jobId, job -> job.placementFor(executorId));
        List<ProjectSecrets.Secret> sealed = aggregates.ask(Project.class, "project_id", placement.projectId(),
                project -> project.secretsFor(placement.nodeId()));
        List<JobSecret> secrets = new ArrayList<>();
        for (ProjectSecrets.Secret secret : sealed) {
            String plaintext = box.unseal(placement.projectId(), secret.name(), secret.value());
            if (secret.kind() == SecretKind.REGISTRY) {
                Map<?, ?> credentials = read(plaintext);
                secrets.add(new JobSecret(secret.name(), secret.kind().wireName(), null,
                        (String) credentials.get("registry"), (String) credentials.get("username"),
                        (String) credentials.get("password")));
            } else {
                secrets.add(new JobSecret(secret.name(), secret.kind().wireName(), plaintext, null, null, null));
            }
        }
        return new JobSecrets(secrets);
    }

    private static Map<?, ?> read(String credentials) {
        try {
            return JSON.readValue(credentials, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sealed registry credentials are not JSON", e);
        }
    }

    record JobSecrets(List<JobSecret> secrets) {
    }

    /** A variable has a value; registry credentials have registry, username and password. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record JobSecret(String name, String kind, String value, String registry, String username, String password) {
    }
}
