package org.tributary.command.executor;

import org.springframework.transaction.annotation.Transactional;
import org.tributary.access.Access;
import org.tributary.access.OpaqueCredential;
import org.tributary.command.auth.StoredCredentials;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.command.executor.ExecutorRequests.ClaimBody;
import org.tributary.command.executor.ExecutorRequests.CompleteBody;
import org.tributary.command.executor.ExecutorRequests.DeadBody;
import org.tributary.command.executor.ExecutorRequests.EndpointBody;
import org.tributary.command.executor.ExecutorRequests.LogBody;
import org.tributary.command.executor.ExecutorRequests.IdleBody;
import org.tributary.command.executor.ExecutorRequests.InteractiveBody;
import org.tributary.command.executor.ExecutorRequests.ErrorBody;
import org.tributary.command.executor.ExecutorRequests.FileBody;
import org.tributary.command.executor.ExecutorRequests.OutputBody;
import org.tributary.command.executor.ExecutorRequests.RegisterBody;
import org.tributary.command.executor.ExecutorRequests.WaitingBody;
import org.tributary.command.executor.ExecutorRequests.Registered;
import org.tributary.command.executor.ExecutorRequests.StatusBody;
import org.tributary.command.web.Commands;
import org.tributary.domain.executor.api.AnnounceExecutor;
import org.tributary.domain.executor.api.ExecutorCapabilities;
import org.tributary.domain.executor.api.RegisterExecutor;
import org.tributary.domain.job.api.ClaimJob;
import org.tributary.domain.job.api.CompleteJob;
import org.tributary.domain.job.api.FailJob;
import org.tributary.domain.job.api.KeepJobLog;
import org.tributary.domain.job.api.MarkJobDead;
import org.tributary.domain.job.api.NoteJobWaiting;
import org.tributary.domain.job.api.OpenInteractive;
import org.tributary.domain.job.api.StopIdleJob;
import org.tributary.domain.job.Job;
import org.tributary.domain.job.api.OutputPackage;
import org.tributary.domain.job.api.JobStatus;
import org.tributary.domain.job.api.ReportJobStatus;
import org.tributary.domain.shared.Check;
import org.tributary.domain.shared.FileRef;
import org.tributary.domain.shared.InvalidInput;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An admin registers an executor here and hands it the credential the answer carries (once); with it the executor
 * claims the jobs dispatched to it and reports on them, and on no other executor's. Every call is idempotent for a
 * repeated identical request, because executors retry.
 */
@RestController
@RequestMapping("/api/executors")
@Access(Access.Rule.EXECUTOR)
class ExecutorController {

    private final Commands commands;
    private final StoredCredentials credentials;
    private final ExecutorDirectory executors;

    ExecutorController(Commands commands, StoredCredentials credentials, ExecutorDirectory executors) {
        this.commands = commands;
        this.credentials = credentials;
        this.executors = executors;
    }

    /** The executor and its credential are kept together or not at all; only the credential's digest is kept. */
    @PostMapping
    @Access(Access.Rule.ADMIN)
    @Transactional
    ResponseEntity<Registered> register(@RequestBody RegisterBody body) {
        Check.notNull("body", body);
        ExecutorCapabilities capabilities = body.capabilities() == null ? ExecutorCapabilities.CPU_ONLY
                : new ExecutorCapabilities(body.capabilities().gpus(),
                body.capabilities().maxRunningJobs() == null ? 0 : body.capabilities().maxRunningJobs());
        // the executor takes its id once accepted, so a refused one uses none up
        long executorId = Long.parseLong(commands.send(new RegisterExecutor(null, body.label(), capabilities))
                .toString());
        OpaqueCredential credential = OpaqueCredential.create(OpaqueCredential.Kind.EXECUTOR, executorId);
        credentials.keepExecutor(executorId, body.label().strip(), credential.digest());
        return ResponseEntity.status(HttpStatus.CREATED).body(new Registered(executorId, body.label().strip(),
                credential.token()));
    }

    /**
     * A new credential for the executor, answered once; the old one stops working at once (it leaked, or the
     * executor was registered before executors had credentials).
     */
    @PostMapping("/{executorId}/credential")
    @Access(Access.Rule.ADMIN)
    @Transactional
    ResponseEntity<Registered> newCredential(@PathVariable long executorId) {
        executors.requireExists(executorId);
        OpaqueCredential credential = OpaqueCredential.create(OpaqueCredential.Kind.EXECUTOR, executorId);
        String name = credentials.replaceExecutor(executorId, credential.digest());
        return ResponseEntity.ok(new Registered(executorId, name, credential.token()));
    }

    /** Where the platform's services reach this executor (its live job logs); sent at each of its starts. */
    @PutMapping("/{executorId}/endpoint")
    Map<String, Object> announce(@PathVariable long executorId, @RequestBody EndpointBody body) {
        Check.notNull("body", body);
        commands.send(new AnnounceExecutor(executorId, body.apiUrl(), body.readKey()));
        return Map.of();
    }

    @PostMapping("/{executorId}/jobs/{jobId}/claim")
    Map<String, Object> claim(@PathVariable long executorId, @PathVariable long jobId,
                              @RequestBody(required = false) ClaimBody body) {
        commands.send(new ClaimJob(jobId, executorId, body != null && Boolean.TRUE.equals(body.queued())));
        return Map.of();
    }

    @PostMapping("/{executorId}/jobs/{jobId}/status")
    Map<String, Object> status(@PathVariable long executorId, @PathVariable long jobId,
                               @RequestBody StatusBody body) {
        Check.notNull("body", body);
        commands.send(new ReportJobStatus(jobId, executorId, JobStatus.of(Check.notNull("status", body.status()))));
        return Map.of();
    }

    /**
     * The job's final report: exit code, the files it left, and the output packages the executor read from its
     * {@code out/<n>/} folders. A repeated identical report changes nothing; another one is refused (409).
     */
    @PostMapping("/{executorId}/jobs/{jobId}/complete")
    Map<String, Object> complete(@PathVariable long executorId, @PathVariable long jobId,
                                 @RequestBody CompleteBody body) {
        Check.notNull("body", body);
        Check.notNull("exit_code", body.exitCode());
        List<FileRef> files = files("files", body.files());
        if (body.outputs() != null && body.outputs().size() > Job.MAX_OUTPUTS) {
            throw new InvalidInput("outputs", "a job may produce at most " + Job.MAX_OUTPUTS + " packages");
        }
        // the job gives the outputs their package ids once it accepts the report
        List<OutputPackage> outputs = new ArrayList<>();
        if (body.exitCode() == 0 && body.outputs() != null) {
            for (int i = 0; i < body.outputs().size(); i++) {
                OutputBody output = Check.notNull("outputs[" + i + "]", body.outputs().get(i));
                outputs.add(new OutputPackage(output.label() == null ? "" : output.label(), output.fields(),
                        files("outputs[" + i + "].files", output.files())));
            }
        }
        commands.send(new CompleteJob(jobId, executorId, body.exitCode(), files, outputs, body.imageDigest()));
        return Map.of();
    }

    /** Why the claimed job has not started yet (no node fits, its image is being pulled), for the user to see. */
    @PostMapping("/{executorId}/jobs/{jobId}/waiting")
    Map<String, Object> waiting(@PathVariable long executorId, @PathVariable long jobId,
                                @RequestBody WaitingBody body) {
        Check.notNull("body", body);
        commands.send(new NoteJobWaiting(jobId, executorId, body.reason()));
        return Map.of();
    }

    /** The executor heard nothing from the job's runner for too long: the job ends as Dead. */
    @PostMapping("/{executorId}/jobs/{jobId}/dead")
    Map<String, Object> dead(@PathVariable long executorId, @PathVariable long jobId, @RequestBody DeadBody body) {
        Check.notNull("body", body);
        commands.send(new MarkJobDead(jobId, executorId, body.message()));
        return Map.of();
    }

    /** What a job printed before this executor stopped it (cancelled, or dead), kept as its log. */
    @PostMapping("/{executorId}/jobs/{jobId}/log")
    Map<String, Object> log(@PathVariable long executorId, @PathVariable long jobId, @RequestBody LogBody body) {
        Check.notNull("body", body);
        commands.send(new KeepJobLog(jobId, executorId, files("files", body.files())));
        return Map.of();
    }

    /**
     * Where an interactive job's Jupyter listens. Not reachable through the gateway (docs/decisions/0014): the
     * gateway proxies to this address, so no one else may set it.
     */
    @PutMapping("/{executorId}/jobs/{jobId}/interactive")
    Map<String, Object> interactive(@PathVariable long executorId, @PathVariable long jobId,
                                    @RequestBody InteractiveBody body) {
        Check.notNull("body", body);
        commands.send(new OpenInteractive(jobId, executorId, body.url()));
        return Map.of();
    }

    /** The interactive job's Jupyter saw no activity for its idle limit: the job ends as Cancelled. */
    @PostMapping("/{executorId}/jobs/{jobId}/idle")
    Map<String, Object> idle(@PathVariable long executorId, @PathVariable long jobId, @RequestBody IdleBody body) {
        Check.notNull("body", body);
        commands.send(new StopIdleJob(jobId, executorId, Check.notNull("idle_minutes", body.idleMinutes())));
        return Map.of();
    }

    @PostMapping("/{executorId}/jobs/{jobId}/error")
    Map<String, Object> error(@PathVariable long executorId, @PathVariable long jobId, @RequestBody ErrorBody body) {
        Check.notNull("body", body);
        commands.send(new FailJob(jobId, executorId, body.error(), body.message(),
                body.files() == null ? null : files("files", body.files())));
        return Map.of();
    }

    static List<FileRef> files(String field, List<FileBody> bodies) {
        List<FileRef> files = new ArrayList<>();
        if (bodies == null) {
            return files;
        }
        for (int i = 0; i < bodies.size(); i++) {
            FileBody body = bodies.get(i);
            if (body == null) {
                throw new InvalidInput(field + "[" + i + "]", field + "[" + i + "] is empty");
            }
            try {
                files.add(body.toRef());
            } catch (InvalidInput e) {
                throw new InvalidInput(field + "[" + i + "]." + e.field(), e.getMessage());
            }
        }
        return files;
    }
}
