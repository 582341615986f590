package org.tributary.domain.job;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.tributary.domain.datapackage.DataPackage;
import org.tributary.domain.job.api.CancelJob;
import org.tributary.domain.job.api.ClaimJob;
import org.tributary.domain.job.api.CompleteJob;
import org.tributary.domain.job.api.CreateJob;
import org.tributary.domain.job.api.DispatchJob;
import org.tributary.domain.job.api.DeleteJob;
import org.tributary.domain.job.api.JobDeleted;
import org.tributary.domain.job.api.ExpireDispatch;
import org.tributary.domain.job.api.FailJob;
import org.tributary.domain.job.api.JobCalculated;
import org.tributary.domain.job.api.JobCancelled;
import org.tributary.domain.job.api.JobClaimed;
import org.tributary.domain.job.api.JobCreated;
import org.tributary.domain.job.api.JobDispatched;
import org.tributary.domain.job.api.JobDied;
import org.tributary.domain.job.api.JobFailed;
import org.tributary.domain.job.api.JobInput;
import org.tributary.domain.job.api.JobInteractiveOpened;
import org.tributary.domain.job.api.JobLogKept;
import org.tributary.domain.job.api.KeepJobLog;
import org.tributary.domain.job.api.JobOutput;
import org.tributary.domain.job.api.JobProcessed;
import org.tributary.domain.job.api.JobProduced;
import org.tributary.domain.job.api.JobSpec;
import org.tributary.domain.job.api.JobStatus;
import org.tributary.domain.job.api.JobStatusReported;
import org.tributary.domain.job.api.JobUploaded;
import org.tributary.domain.job.api.JobWaiting;
import org.tributary.domain.job.api.MarkJobDead;
import org.tributary.domain.job.api.MarkJobProcessed;
import org.tributary.domain.job.api.NoteJobWaiting;
import org.tributary.domain.job.api.OpenInteractive;
import org.tributary.domain.job.api.OutputPackage;
import org.tributary.domain.job.api.ReportJobStatus;
import org.tributary.domain.job.api.StopIdleJob;
import org.tributary.domain.shared.Check;
import org.tributary.domain.shared.Conflict;
import org.tributary.domain.shared.FileRef;
import org.tributary.domain.shared.Fields;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.Ids;
import org.tributary.domain.shared.NotFound;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/**
 * A job: one run of a node's command on its input packages. Its status moves only along {@link JobStatus#next()};
 * a repeated identical report is a no-op, because executors and job runners retry.
 */
public class Job {

    /** A failure's message: enough for a log's last lines, not the log itself (that is a job file). */
    public static final int MAX_MESSAGE = 65536;
    /** A waiting reason is one message of Kubernetes', not a log. */
    public static final int MAX_REASON = 4096;
    /** Output packages one job may produce, and files one report may name (documented limits of the API). */
    public static final int MAX_OUTPUTS = 1000;
    public static final int MAX_FILES = 10_000;

    private static final Set<JobStatus> REPORTABLE = EnumSet.of(JobStatus.QUEUED, JobStatus.STARTED,
            JobStatus.DOWNLOADED);

    // boxed: null until the creating event is applied, so Axon resolves the first event's aggregate id lazily;
    // a primitive would read 0 there and store the first event under aggregate "0"
    @AggregateIdentifier
    private Long jobId;
    private long projectId;
    private long nodeId;
    private long layerId;
    private List<JobInput> inputs;
    private List<Long> inputPackageIds;
    private JobStatus status;
    private Long dispatchedTo;
    /** The executor named at creation, which a held job goes to when dispatched. */
    private Long plannedExecutor;
    private JobSpec spec;
    private Long claimedBy;
    private Integer exitCode;
    private Report report;
    private String failure;
    private String failureMessage;
    private List<FileRef> failureFiles = List.of();
    private String waitingReason;
    private boolean interactive;
    private String interactiveUrl;

    /** What a completion said, less the package ids handed out for it: a repeat must say the same. */
    private record Report(int exitCode, List<FileRef> files, String imageDigest, List<Output> outputs) {
    }

    private record Output(String label, Map<String, Object> fields, List<FileRef> files) {
        static Output of(String label, Map<String, Object> fields, List<FileRef> files) {
            return new Output(label == null ? "" : label, fields == null ? Map.of() : fields,
                    files == null ? List.of() : files);
        }
    }

    /** What a restart runs again: the job's node, layer and inputs (the node's settings are taken anew). */
    public record Rerun(long nodeId, long layerId, List<JobInput> inputs) {
    }

    Job() {
        // sourced from events
    }

    @CommandHandler
    Job(CreateJob command) {
        Check.notNull("spec", command.spec());
        Check.notNull("spec.container", command.spec().container());
        JobSpec spec = withoutNulls(command.spec());
        boolean held = command.executorId() != null && Boolean.TRUE.equals(command.hold());
        apply(new JobCreated(command.jobId(), command.projectId(), spec, command.executorId(), command.restartOf(),
                held ? Boolean.TRUE : null));
        if (command.executorId() != null) {
            if (held) {
                return;
            }
            apply(new JobDispatched(command.jobId(), command.projectId(), command.executorId(), spec));
        } else {
            apply(new JobFailed(command.jobId(), command.projectId(), "NoExecutor",
                    "No executor can run this job: neither its node nor its project names one that offers what"
                            + " the node asks for"));
        }
    }

    /**
     * Deletes the job; one still running is cancelled first (its executor stops it). A job whose script has ended
     * and whose outputs are on their way is refused until it ends: its packages are being made.
     */
    @CommandHandler
    void handle(DeleteJob command) {
        requireProject(command.projectId());
        if (!status.isTerminal()) {
            if (!status.canMoveTo(JobStatus.CANCELLED)) {
                if (command.unlessFinishing()) {
                    return;
                }
                throw new Conflict("status", "job " + jobId + " is " + status.wireName() + ": its outputs are on "
                        + "their way; delete it once it has ended");
            }
            apply(new JobCancelled(jobId, projectId, dispatchedTo != null ? dispatchedTo : plannedExecutor,
                    "the job was deleted"));
        }
        apply(new JobDeleted(jobId, projectId, nodeId, layerId));
    }

    @CommandHandler
    void handle(DispatchJob command) {
        if (status == JobStatus.CREATED && plannedExecutor != null) {
            apply(new JobDispatched(jobId, projectId, plannedExecutor, spec));
        }
    }

    @CommandHandler
    void handle(ClaimJob command) {
        if (!Objects.equals(claimedBy, command.executorId())) {
            claim(command.executorId());
        }
        if (command.queued() && status == JobStatus.DISPATCHED) {
            apply(new JobStatusReported(jobId, projectId, JobStatus.QUEUED));
        }
    }

    private void claim(long executorId) {
        if (claimedBy != null) {
            throw new Conflict("executor_id", "job " + jobId + " was already claimed by executor " + claimedBy);
        }
        if (!Objects.equals(dispatchedTo, executorId)) {
            throw new Conflict("executor_id", "job " + jobId + " was dispatched to executor " + dispatchedTo
                    + ", not " + executorId);
        }
        if (status.isTerminal()) {
            throw new Conflict("status", "job " + jobId + " is already " + status.wireName());
        }
        apply(new JobClaimed(jobId, projectId, executorId));
    }

    @CommandHandler
    void handle(ReportJobStatus command) {
        requireClaimedBy(command.executorId());
        JobStatus target = Check.notNull("status", command.status());
        if (!REPORTABLE.contains(target)) {
            throw new InvalidInput("status", "an executor reports only queued, started or downloaded; "
                    + "completion and errors have their own calls");
        }
        if (target == status) {
            return;
        }
        requireTransition(target);
        apply(new JobStatusReported(jobId, projectId, target));
    }

    @CommandHandler
    void handle(CompleteJob command, Ids ids) {
        requireClaimedBy(command.executorId());
        if (command.files() != null && command.files().size() > MAX_FILES) {
            throw new InvalidInput("files", "a job may report at most " + MAX_FILES + " files");
        }
        if (command.outputs() != null && command.outputs().size() > MAX_OUTPUTS) {
            throw new InvalidInput("outputs", "a job may produce at most " + MAX_OUTPUTS + " packages");
        }
        List<FileRef> files = Check.listOf("files", command.files());
        List<OutputPackage> outputs = command.exitCode() == 0 ? Check.listOf("outputs", command.outputs())
                : List.of();
        String imageDigest = Check.text("image_digest", command.imageDigest(), 255);
        if (exitCode != null) {
            Report repeat = new Report(command.exitCode(), files, imageDigest,
                    outputs.stream().map(o -> Output.of(o.label(), o.fields(), o.files())).toList());
            if (repeat.equals(report)) {
                return;
            }
            throw new Conflict("status", "job " + jobId + " already ended with exit code " + exitCode
                    + "; a repeated report must be identical to the first");
        }
        requireTransition(JobStatus.CALCULATED);
        for (int i = 0; i < outputs.size(); i++) {
            requireCreatable(outputs.get(i), "outputs[" + i + "]");
        }
        apply(new JobCalculated(jobId, projectId, command.exitCode(), files, imageDigest));
        if (command.exitCode() != 0) {
            apply(new JobFailed(jobId, projectId, "NonZeroExitCode",
                    "The script exited with code " + command.exitCode()));
            return;
        }
        apply(new JobUploaded(jobId, projectId));
        List<JobOutput> produced = outputs.stream()
                .map(o -> new JobOutput(ids.next(Ids.Kind.AGGREGATE), o.label(), o.fields(), o.files())).toList();
        apply(new JobProduced(jobId, projectId, nodeId, layerId, inputPackageIds, produced));
    }

    @CommandHandler
    void handle(FailJob command) {
        if (!Objects.equals(dispatchedTo, command.executorId())) {
            throw new Conflict("executor_id", "job " + jobId + " was dispatched to executor " + dispatchedTo
                    + ", not " + command.executorId());
        }
        String error = Check.notBlank("error", command.error(), 100);
        String message = command.message() == null ? "" : Check.text("message", command.message(), MAX_MESSAGE);
        if (command.files() != null && command.files().size() > MAX_FILES) {
            throw new InvalidInput("files", "a job may report at most " + MAX_FILES + " files");
        }
        List<FileRef> files = Check.listOf("files", command.files());
        if (status == JobStatus.ERROR && error.equals(failure) && message.equals(failureMessage)
                && files.equals(failureFiles)) {
            return;
        }
        if (status == JobStatus.PRODUCED) {
            // its outputs are already packages on their way; a late report cannot undo them
            throw new Conflict("status", "job " + jobId + " has already produced its outputs");
        }
        requireTransition(JobStatus.ERROR);
        apply(new JobFailed(jobId, projectId, error, message, files));
    }

    @CommandHandler
    void handle(NoteJobWaiting command) {
        requireClaimedBy(command.executorId());
        String reason = Check.text("reason", command.reason(), MAX_REASON);
        if (reason == null || reason.isBlank()) {
            throw new InvalidInput("reason", "reason must not be blank");
        }
        boolean notStarted = status == JobStatus.DISPATCHED || status == JobStatus.QUEUED;
        if (notStarted && !reason.equals(waitingReason)) {
            apply(new JobWaiting(jobId, projectId, reason));
        }
    }

    @CommandHandler
    void handle(MarkJobDead command) {
        requireClaimedBy(command.executorId());
        String message = command.message() == null ? "" : Check.text("message", command.message(), MAX_MESSAGE);
        if (status == JobStatus.DEAD && message.equals(failureMessage)) {
            return;
        }
        requireTransition(JobStatus.DEAD);
        apply(new JobDied(jobId, projectId, message));
    }

    @CommandHandler
    void handle(ExpireDispatch command) {
        if (claimedBy != null || status != JobStatus.DISPATCHED) {
            // claimed meanwhile (or ended): the timer was late, nothing is wrong
            return;
        }
        String message = command.message() == null ? "" : Check.text("message", command.message(), MAX_MESSAGE);
        apply(new JobFailed(jobId, projectId, "Unclaimed", message, List.of()));
    }

    /**
     * A user stops the job. Until its script has ended it can be cancelled; a repeated cancel is a no-op, and a job
     * that ended (or whose outputs are on their way) is refused.
     */
    @CommandHandler
    void handle(CancelJob command) {
        requireProject(command.projectId());
        if (status == JobStatus.CANCELLED) {
            return;
        }
        if (!status.canMoveTo(JobStatus.CANCELLED)) {
            throw new Conflict("status", "job " + jobId + " is " + status.wireName() + (status.isTerminal()
                    ? " already" : ": its script has ended and its outputs are on their way") + "; it cannot be cancelled");
        }
        // a held job was never dispatched: its planned executor hears of it, and has nothing to stop
        apply(new JobCancelled(jobId, projectId, dispatchedTo != null ? dispatchedTo : plannedExecutor));
    }

    /**
     * Where an interactive job's Jupyter listens, from the executor that claimed it; a repeat with the same address
     * is a no-op, a new one (its pod moved) replaces it. Refused once the job has ended.
     */
    @CommandHandler
    void handle(OpenInteractive command) {
        requireClaimedBy(command.executorId());
        if (!interactive) {
            throw new Conflict("interactive", "job " + jobId + " is not interactive; it runs its script");
        }
        String url = Check.httpBase("url", command.url());
        if (status.isTerminal()) {
            throw new Conflict("status", "job " + jobId + " is " + status.wireName() + "; its Jupyter is gone");
        }
        if (!url.equals(interactiveUrl)) {
            apply(new JobInteractiveOpened(jobId, projectId, url));
        }
    }

    /** The executor stops an interactive job nobody used for its idle limit: it ends as Cancelled, saying why. */
    @CommandHandler
    void handle(StopIdleJob command) {
        requireClaimedBy(command.executorId());
        if (!interactive) {
            throw new Conflict("interactive", "job " + jobId + " is not interactive; only those have an idle limit");
        }
        if (status == JobStatus.CANCELLED) {
            return;
        }
        if (!status.canMoveTo(JobStatus.CANCELLED)) {
            throw new Conflict("status", "job " + jobId + " is " + status.wireName() + "; it cannot be stopped");
        }
        long minutes = Check.atLeast("idle_minutes", (int) Math.min(Integer.MAX_VALUE, command.idleMinutes()), 1);
        apply(new JobCancelled(jobId, projectId, dispatchedTo, "stopped by its executor after " + minutes
                + (minutes == 1 ? " minute" : " minutes") + " without activity in Jupyter"));
    }

    /**
     * The log of a job its executor stopped (cancelled, or dead). Once: a repeat with the same files is a no-op,
     * other files are refused.
     */
    @CommandHandler
    void handle(KeepJobLog command) {
        requireClaimedBy(command.executorId());
        if (status != JobStatus.CANCELLED && status != JobStatus.DEAD) {
            throw new Conflict("status", "job " + jobId + " is " + status.wireName() + "; only a cancelled or dead"
                    + " job's log is kept this way");
        }
        if (command.files() != null && command.files().size() > MAX_FILES) {
            throw new InvalidInput("files", "a job may report at most " + MAX_FILES + " files");
        }
        List<FileRef> files = Check.listOf("files", command.files());
        if (files.equals(failureFiles)) {
            return;
        }
        if (!failureFiles.isEmpty()) {
            throw new Conflict("files", "job " + jobId + " already kept its log");
        }
        apply(new JobLogKept(jobId, projectId, files));
    }

    // ---- read-only questions; they decide nothing and change nothing

    /** Where a job's secrets come from. */
    public record Placement(long projectId, long nodeId) {
    }

    /**
     * The project and node whose secrets the job gets: answered only to the executor that claimed it, and only
     * until it ends, so that a job's secrets are never handed out twice to anyone else.
     */
    public Placement placementFor(long executorId) {
        requireClaimedBy(executorId);
        if (status.isTerminal()) {
            throw new Conflict("status", "job " + jobId + " is " + status.wireName() + "; it needs no secrets");
        }
        return new Placement(projectId, nodeId);
    }

    /** What a restart of this job runs again; 404 unless the job belongs to {@code project}. */
    public Rerun rerun(long project) {
        requireProject(project);
        return new Rerun(nodeId, layerId, inputs);
    }

    @CommandHandler
    void handle(MarkJobProcessed command) {
        if (status == JobStatus.PROCESSED || status == JobStatus.ERROR) {
            // routing marks a job processed after routing its outputs; a job that failed meanwhile stays failed,
            // and routing must not retry for ever
            return;
        }
        requireTransition(JobStatus.PROCESSED);
        apply(new JobProcessed(jobId, projectId));
    }

    /**
     * Routing turns each output into a package after the job is Produced; an output that the package could not
     * take would leave a Produced job that can never be Processed, so it is refused here, while the executor
     * can still hear about it.
     */
    private static void requireCreatable(OutputPackage output, String field) {
        Check.text(field + ".label", output.label(), DataPackage.MAX_LABEL_LENGTH);
        Fields.copyOf(field + ".fields", output.fields());
        List<FileRef> files = Check.listOf(field + ".files", output.files());
        Set<String> names = new HashSet<>();
        for (int j = 0; j < files.size(); j++) {
            if (!names.add(files.get(j).name())) {
                throw new InvalidInput(field + ".files[" + j + "].name",
                        "file '" + files.get(j).name() + "' is listed twice");
            }
        }
    }

    /** Events carry empty collections rather than nulls, so followers need no null checks. */
    private static JobSpec withoutNulls(JobSpec spec) {
        return new JobSpec(spec.nodeId(), spec.layerId(), spec.inputs() == null ? List.of() : spec.inputs(),
                spec.fields() == null ? Map.of() : spec.fields(), spec.container(),
                spec.nodeFiles() == null ? List.of() : spec.nodeFiles(), spec.interactive(), spec.secrets());
    }

    /** A job of another project is, to this project's users, no job at all. */
    private void requireProject(long project) {
        if (project != projectId) {
            throw new NotFound("job_id", "project " + project + " has no job " + jobId);
        }
    }

    private void requireClaimedBy(long executorId) {
        if (claimedBy == null || claimedBy != executorId) {
            throw new Conflict("executor_id", "job " + jobId + " is not claimed by executor " + executorId);
        }
    }

    private void requireTransition(JobStatus target) {
        if (!status.canMoveTo(target)) {
            throw new Conflict("status", "job " + jobId + " cannot move from " + status.wireName() + " to "
                    + target.wireName());
        }
    }

    @EventSourcingHandler
    void on(JobCreated event) {
        jobId = event.jobId();
        projectId = event.projectId();
        nodeId = event.spec().nodeId();
        layerId = event.spec().layerId();
        inputs = event.spec().inputs();
        inputPackageIds = inputs.stream().map(JobInput::packageId).toList();
        interactive = event.spec().interactive();
        status = JobStatus.CREATED;
        plannedExecutor = event.executorId();
        spec = event.spec();
    }

    @EventSourcingHandler
    void on(JobDeleted event) {
        markDeleted();
    }

    @EventSourcingHandler
    void on(JobDispatched event) {
        dispatchedTo = event.executorId();
        status = JobStatus.DISPATCHED;
    }

    @EventSourcingHandler
    void on(JobClaimed event) {
        claimedBy = event.executorId();
    }

    @EventSourcingHandler
    void on(JobStatusReported event) {
        status = event.status();
    }

    @EventSourcingHandler
    void on(JobCalculated event) {
        exitCode = event.exitCode();
        report = new Report(event.exitCode(), event.files(), event.imageDigest(), List.of());
        status = JobStatus.CALCULATED;
    }

    @EventSourcingHandler
    void on(JobUploaded event) {
        status = JobStatus.UPLOADED;
    }

    @EventSourcingHandler
    void on(JobProduced event) {
        status = JobStatus.PRODUCED;
        report = new Report(report.exitCode(), report.files(), report.imageDigest(), event.outputs().stream()
                .map(o -> Output.of(o.label(), o.fields(), o.files())).toList());
    }

    @EventSourcingHandler
    void on(JobProcessed event) {
        status = JobStatus.PROCESSED;
    }

    @EventSourcingHandler
    void on(JobWaiting event) {
        waitingReason = event.reason();
    }

    @EventSourcingHandler
    void on(JobDied event) {
        failureMessage = event.message() == null ? "" : event.message();
        status = JobStatus.DEAD;
    }

    @EventSourcingHandler
    void on(JobLogKept event) {
        failureFiles = event.files();
    }

    @EventSourcingHandler
    void on(JobInteractiveOpened event) {
        interactiveUrl = event.url();
    }

    @EventSourcingHandler
    void on(JobCancelled event) {
        status = JobStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(JobFailed event) {
        failure = event.error();
        failureMessage = event.message() == null ? "" : event.message();
        failureFiles = event.files() == null ? List.of() : event.files();
        status = JobStatus.ERROR;
    }
}
