package org.tributary.domain.job;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.tributary.domain.job.api.ClaimJob;
import org.tributary.domain.job.api.CompleteJob;
import org.tributary.domain.job.api.CreateJob;
import org.tributary.domain.job.api.FailJob;
import org.tributary.domain.job.api.JobCalculated;
import org.tributary.domain.job.api.JobClaimed;
import org.tributary.domain.job.api.JobCreated;
import org.tributary.domain.job.api.JobDispatched;
import org.tributary.domain.job.api.JobFailed;
import org.tributary.domain.job.api.JobInput;
import org.tributary.domain.job.api.JobOutput;
import org.tributary.domain.job.api.JobProcessed;
import org.tributary.domain.job.api.JobProduced;
import org.tributary.domain.job.api.JobSpec;
import org.tributary.domain.job.api.JobStatus;
import org.tributary.domain.job.api.JobStatusReported;
import org.tributary.domain.job.api.JobUploaded;
import org.tributary.domain.job.api.MarkJobProcessed;
import org.tributary.domain.job.api.OutputPackage;
import org.tributary.domain.job.api.ReportJobStatus;
import org.tributary.domain.shared.Conflict;
import org.tributary.domain.shared.ContainerSpec;
import org.tributary.domain.shared.FileRef;
import org.tributary.domain.shared.Ids;
import org.tributary.domain.shared.InvalidInput;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.hamcrest.Matchers.equalTo;
import static org.tributary.domain.Refusals.payload;
import static org.tributary.domain.Refusals.refusal;

/** The job's life: one claim, forward-only progress, one completion, failure from anywhere before the end. */
class JobTest {

    static final long JOB = 500;
    static final long PROJECT = 1;
    static final long NODE = 100;
    static final long LAYER = 10;
    static final long EXECUTOR = 7;
    static final long OTHER_EXECUTOR = 8;

    static final FileRef INPUT_FILE = file("data.csv", 'a');
    static final FileRef LOG = file("log.txt", 'b');
    static final JobSpec SPEC = new JobSpec(NODE, LAYER,
            List.of(new JobInput(40, "run-1", Map.of("n", 1), List.of(INPUT_FILE)),
                    new JobInput(41, "ref", Map.of(), List.of())),
            Map.of("threshold", 0.5), ContainerSpec.of("python:3.12-slim", "python run.py"),
            List.of(file("run.py", 'c')), false);
    static final JobOutput OUTPUT = new JobOutput(600, "result", Map.of("score", 0.93),
            List.of(file("result.json", 'd')));

    static final OutputPackage REPORTED_OUTPUT = new OutputPackage(OUTPUT.label(), OUTPUT.fields(), OUTPUT.files());

    static final JobCreated CREATED = new JobCreated(JOB, PROJECT, SPEC, EXECUTOR);
    static final JobDispatched DISPATCHED = new JobDispatched(JOB, PROJECT, EXECUTOR, SPEC);
    static final JobClaimed CLAIMED = new JobClaimed(JOB, PROJECT, EXECUTOR);
    static final JobStatusReported QUEUED = new JobStatusReported(JOB, PROJECT, JobStatus.QUEUED);
    static final JobStatusReported STARTED = new JobStatusReported(JOB, PROJECT, JobStatus.STARTED);
    static final JobStatusReported DOWNLOADED = new JobStatusReported(JOB, PROJECT, JobStatus.DOWNLOADED);
    static final JobCalculated CALCULATED = new JobCalculated(JOB, PROJECT, 0, List.of(LOG), "sha256:" + "e".repeat(64));
    static final JobUploaded UPLOADED = new JobUploaded(JOB, PROJECT);
    static final JobProduced PRODUCED = new JobProduced(JOB, PROJECT, NODE, LAYER, List.of(40L, 41L), List.of(OUTPUT));
    static final JobProcessed PROCESSED = new JobProcessed(JOB, PROJECT);

    private FixtureConfiguration<Job> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Job.class);
        // ids from 600 on, as a sequence would hand them out: OUTPUT is the first
        AtomicLong next = new AtomicLong(OUTPUT.packageId());
        fixture.registerInjectableResource((Ids) kind -> next.getAndIncrement());
    }

    static FileRef file(String name, char digit) {
        return new FileRef(name, String.valueOf(digit).repeat(64), 3, false, null);
    }

    static Arguments history(String name, Object... events) {
        return Arguments.of(name, List.of(events));
    }

    private static CompleteJob complete(int exitCode) {
        return new CompleteJob(JOB, EXECUTOR, exitCode, List.of(LOG), List.of(REPORTED_OUTPUT), "sha256:" + "e".repeat(64));
    }

    @Nested
    class Creating {

        @Test
        void createsAndDispatchesToTheExecutor() {
            fixture.givenNoPriorActivity()
                    .when(new CreateJob(JOB, PROJECT, SPEC, EXECUTOR))
                    .expectEvents(CREATED, DISPATCHED);
        }

        @Test
        void failsAtOnceWithoutAnExecutor() {
            fixture.givenNoPriorActivity()
                    .when(new CreateJob(JOB, PROJECT, SPEC, null))
                    .expectSuccessfulHandlerExecution()
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            equalTo(new JobCreated(JOB, PROJECT, SPEC, null)),
                            payload(JobFailed.class, "error NoExecutor with a message",
                                    f -> f.jobId() == JOB && f.projectId() == PROJECT
                                            && f.error().equals("NoExecutor") && !f.message().isBlank()),
                            andNoMore())));
        }

        @Test
        void eventsCarryEmptyCollectionsWhereTheSpecHasNone() {
            JobSpec bare = new JobSpec(NODE, LAYER, null, null, SPEC.container(), null, true);
            JobSpec filled = new JobSpec(NODE, LAYER, List.of(), Map.of(), SPEC.container(), List.of(), true);
            fixture.givenNoPriorActivity()
                    .when(new CreateJob(JOB, PROJECT, bare, EXECUTOR))
                    .expectEvents(new JobCreated(JOB, PROJECT, filled, EXECUTOR),
                            new JobDispatched(JOB, PROJECT, EXECUTOR, filled));
        }

        @Test
        void rejectsJobWithoutSpec() {
            fixture.givenNoPriorActivity()
                    .when(new CreateJob(JOB, PROJECT, null, EXECUTOR))
                    .expectException(refusal(InvalidInput.class, "spec"))
                    .expectNoEvents();
        }

        @Test
        void rejectsJobWithoutContainer() {
            fixture.givenNoPriorActivity()
                    .when(new CreateJob(JOB, PROJECT, new JobSpec(NODE, LAYER, List.of(), Map.of(), null, List.of(),
                            false), EXECUTOR))
                    .expectException(refusal(InvalidInput.class, "spec.container"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Claiming {

        @Test
        void dispatchedExecutorClaims() {
            fixture.given(CREATED, DISPATCHED)
                    .when(new ClaimJob(JOB, EXECUTOR))
                    .expectEvents(CLAIMED);
        }

        @Test
        void repeatedClaimBySameExecutorIsANoOp() {
            fixture.given(CREATED, DISPATCHED, CLAIMED, QUEUED)
                    .when(new ClaimJob(JOB, EXECUTOR))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aClaimThatSaysQueuedReportsTheJobQueuedToo() {
            fixture.given(CREATED, DISPATCHED)
                    .when(new ClaimJob(JOB, EXECUTOR, true))
                    .expectEvents(CLAIMED, QUEUED);
        }

        @Test
        void aClaimedJobIsQueuedByARepeatedClaimThatSaysSo() {
            fixture.given(CREATED, DISPATCHED, CLAIMED)
                    .when(new ClaimJob(JOB, EXECUTOR, true))
                    .expectEvents(QUEUED);
        }

        @Test
        void aRepeatedQueuedClaimOfAJobThatMovedOnChangesNothing() {
            fixture.given(CREATED, DISPATCHED, CLAIMED, QUEUED,
                            new JobStatusReported(JOB, PROJECT, JobStatus.STARTED))
                    .when(new ClaimJob(JOB, EXECUTOR, true))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aQueuedClaimByAnotherExecutorIsRefusedWithoutAReport() {
            fixture.given(CREATED, DISPATCHED)
                    .when(new ClaimJob(JOB, OTHER_EXECUTOR, true))
                    .expectException(refusal(Conflict.class, "executor_id"))
                    .expectNoEvents();
        }

        @Test
        void anotherExecutorCannotTakeAClaimedJob() {
            fixture.given(CREATED, DISPATCHED, CLAIMED)
                    .when(new ClaimJob(JOB, OTHER_EXECUTOR))
                    .expectException(refusal(Conflict.class, "executor_id"))
                    .expectNoEvents();
        }

        @Test
        void onlyTheDispatchedExecutorMayClaim() {
            fixture.given(CREATED, DISPATCHED)
                    .when(new ClaimJob(JOB, OTHER_EXECUTOR))
                    .expectException(refusal(Conflict.class, "executor_id"))
                    .expectNoEvents();
        }

        @Test
        void jobThatNeverWasDispatchedCannotBeClaimed() {
            fixture.given(new JobCreated(JOB, PROJECT, SPEC, null), new JobFailed(JOB, PROJECT, "NoExecutor", "none"))
                    .when(new ClaimJob(JOB, EXECUTOR))
                    .expectException(refusal(Conflict.class, "executor_id"))
                    .expectNoEvents();
        }

        @Test
        void failedJobCannotBeClaimed() {
            fixture.given(CREATED, DISPATCHED, new JobFailed(JOB, PROJECT, "BackendError", "no node fits"))
                    .when(new ClaimJob(JOB, EXECUTOR))
                    .expectException(refusal(Conflict.class, "status"))
                    .expectNoEvents();
        }
    }

    @Nested
    class ReportingStatus {

        @Test
        void reportsQueued() {
            fixture.given(CREATED, DISPATCHED, CLAIMED)
                    .when(new ReportJobStatus(JOB, EXECUTOR, JobStatus.QUEUED))
                    .expectEvents(QUEUED);
        }

        @Test
        void reportsTheWholeWayForward() {
            fixture.given(CREATED, DISPATCHED, CLAIMED, QUEUED, STARTED)
                    .when(new ReportJobStatus(JOB, EXECUTOR, JobStatus.DOWNLOADED))
                    .expectEvents(DOWNLOADED);
        }

        @Test
        void maySkipStatusesItDidNotSee() {
            fixture.given(CREATED, DISPATCHED, CLAIMED)
                    .when(new ReportJobStatus(JOB, EXECUTOR, JobStatus.DOWNLOADED))
                    .expectEvents(DOWNLOADED);
        }

        @Test
        void repeatedIdenticalReportIsANoOp() {
            fixture.given(CREATED, DISPATCHED, CLAIMED, QUEUED, STARTED)
                    .when(new ReportJobStatus(JOB, EXECUTOR, JobStatus.STARTED))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void rejectsReportGoingBack() {
            fixture.given(CREATED, DISPATCHED, CLAIMED, QUEUED, STARTED)
                    .when(new ReportJobStatus(JOB, EXECUTOR, JobStatus.QUEUED))
                    .expectException(refusal(Conflict.class, "status"))
                    .expectNoEvents();
        }

        @Test
        void rejectsReportAfterCalculation() {
            fixture.given(CREATED, DISPATCHED, CLAIMED, CALCULATED, UPLOADED, PRODUCED)
                    .when(new ReportJobStatus(JOB, EXECUTOR, JobStatus.DOWNLOADED))
                    .expectException(refusal(Conflict.class, "status"))
                    .expectNoEvents();
        }

        @Test
        void rejectsReportAfterFailure() {
            fixture.given(CREATED, DISPATCHED, CLAIMED, new JobFailed(JOB, PROJECT, "Dead", "silent"))
                    .when(new ReportJobStatus(JOB, EXECUTOR, JobStatus.STARTED))
                    .expectException(refusal(Conflict.class, "status"))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = JobStatus.class, names = {"QUEUED", "STARTED", "DOWNLOADED"}, mode = EnumSource.Mode.EXCLUDE)
        void executorReportsOnlyProgress(JobStatus status) {
            fixture.given(CREATED, DISPATCHED, CLAIMED)
                    .when(new ReportJobStatus(JOB, EXECUTOR, status))
                    .expectException(refusal(InvalidInput.class, "status"))
                    .expectNoEvents();
        }

        @Test
        void rejectsMissingStatus() {
            fixture.given(CREATED, DISPATCHED, CLAIMED)
                    .when(new ReportJobStatus(JOB, EXECUTOR, null))
                    .expectException(refusal(InvalidInput.class, "status"))
                    .expectNoEvents();
        }

        @Test
        void unclaimedJobTakesNoReports() {
            fixture.given(CREATED, DISPATCHED)
                    .when(new ReportJobStatus(JOB, EXECUTOR, JobStatus.QUEUED))
                    .expectException(refusal(Conflict.class, "executor_id"))
                    .expectNoEvents();
        }

        @Test
        void otherExecutorCannotReport() {
            fixture.given(CREATED, DISPATCHED, CLAIMED)
                    .when(new ReportJobStatus(JOB, OTHER_EXECUTOR, JobStatus.QUEUED))
                    .expectException(refusal(Conflict.class, "executor_id"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Completing {

        @Test
        void exitZeroProducesTheOutputs() {
            fixture.given(CREATED, DISPATCHED, CLAIMED, QUEUED, STARTED, DOWNLOADED)
                    .when(complete(0))
                    .expectEvents(CALCULATED, UPLOADED, PRODUCED);
        }

        @Test
        void completesWithoutAnyProgressReport() {
            fixture.given(CREATED, DISPATCHED, CLAIMED)
                    .when(complete(0))
                    .expectEvents(CALCULATED, UPLOADED, PRODUCED);
        }

        @Test
        void producedEventNamesTheJobsNodeLayerAndInputs() {
            fixture.given(CREATED, DISPATCHED, CLAIMED)
                    .when(new CompleteJob(JOB, EXECUTOR, 0, null, null, null))
                    .expectEvents(new JobCalculated(JOB, PROJECT, 0, List.of(), null), UPLOADED,
                            new JobProduced(JOB, PROJECT, NODE, LAYER, List.of(40L, 41L), List.of()));
        }

        @Test
        void nonZeroExitFailsTheJob() {
            fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED)
                    .when(complete(3))
                    .expectEvents(new JobCalculated(JOB, PROJECT, 3, List.of(LOG), CALCULATED.imageDigest()),
                            new JobFailed(JOB, PROJECT, "NonZeroExitCode", "The script exited with code 3"));
        }

        @Test
        void repeatedIdenticalCompletionIsANoOp() {
            fixture.given(CREATED, DISPATCHED, CLAIMED, CALCULATED, UPLOADED, PRODUCED)
                    .when(complete(0))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void repeatedCompletionAfterProcessingIsANoOp() {
            fixture.given(CREATED, DISPATCHED, CLAIMED, CALCULATED, UPLOADED, PRODUCED, PROCESSED)
                    .when(complete(0))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void repeatedFailedCompletionIsANoOp() {
            fixture.given(CREATED, DISPATCHED, CLAIMED,
                            new JobCalculated(JOB, PROJECT, 3, List.of(LOG), "sha256:" + "e".repeat(64)),
                            new JobFailed(JOB, PROJECT, "NonZeroExitCode", "The script exited with code 3"))
                    .when(complete(3))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void rejectsARepeatedCompletionWithOtherFiles() {
            fixture.given(CREATED, DISPATCHED, CLAIMED,
                            new JobCalculated(JOB, PROJECT, 3, List.of(), "sha256:" + "e".repeat(64)),
                            new JobFailed(JOB, PROJECT, "NonZeroExitCode", "The script exited with code 3"))
                    .when(complete(3))
                    .expectException(refusal(Conflict.class, "status"))
                    .expectNoEvents();
        }

        @Test
        void rejectsARepeatedCompletionWithOtherOutputs() {
            fixture.given(CREATED, DISPATCHED, CLAIMED, CALCULATED, UPLOADED, PRODUCED)
                    .when(new CompleteJob(JOB, EXECUTOR, 0, List.of(LOG), List.of(), "sha256:" + "e".repeat(64)))
                    .expectException(refusal(Conflict.class, "status"))
                    .expectNoEvents();
        }

        @Test
        void refusesANulInAnOutputLabel() {
            fixture.given(CREATED, DISPATCHED, CLAIMED)
                    .when(new CompleteJob(JOB, EXECUTOR, 0, List.of(LOG),
                            List.of(new OutputPackage("a\0b", Map.of(), List.of())), null))
                    .expectException(refusal(InvalidInput.class, "outputs[0].label"))
                    .expectNoEvents();
        }

        @Test
        void rejectsCompletionWithAnotherExitCode() {
            fixture.given(CREATED, DISPATCHED, CLAIMED, CALCULATED, UPLOADED, PRODUCED)
                    .when(complete(1))
                    .expectException(refusal(Conflict.class, "status"))
                    .expectNoEvents();
        }

        @Test
        void rejectsCompletionOfAFailedJob() {
            fixture.given(CREATED, DISPATCHED, CLAIMED, new JobFailed(JOB, PROJECT, "DownloadFailed", "404"))
                    .when(complete(0))
                    .expectException(refusal(Conflict.class, "status"))
                    .expectNoEvents();
        }

        @Test
        void rejectsCompletionOfAnUnclaimedJob() {
            fixture.given(CREATED, DISPATCHED)
                    .when(complete(0))
                    .expectException(refusal(Conflict.class, "executor_id"))
                    .expectNoEvents();
        }

        @Test
        void rejectsCompletionByAnotherExecutor() {
            fixture.given(CREATED, DISPATCHED, CLAIMED)
                    .when(new CompleteJob(JOB, OTHER_EXECUTOR, 0, List.of(), List.of(), null))
                    .expectException(refusal(Conflict.class, "executor_id"))
                    .expectNoEvents();
        }

        @Test
        void rejectsOutputThatCouldNotBecomeAPackage() {
            OutputPackage longLabel = new OutputPackage("l".repeat(256), Map.of(), List.of());
            OutputPackage twoFilesOneName = new OutputPackage("x", Map.of(), List.of(LOG, file("log.txt", 'f')));
            OutputPackage blankField = new OutputPackage("x", Map.of(" ", 1), List.of());

            fixture.given(CREATED, DISPATCHED, CLAIMED)
                    .when(new CompleteJob(JOB, EXECUTOR, 0, List.of(), List.of(REPORTED_OUTPUT, longLabel), null))
                    .expectException(refusal(InvalidInput.class, "outputs[1].label"))
                    .expectNoEvents();
            fixture.given(CREATED, DISPATCHED, CLAIMED)
                    .when(new CompleteJob(JOB, EXECUTOR, 0, List.of(), List.of(twoFilesOneName), null))
                    .expectException(refusal(InvalidInput.class, "outputs[0].files[1].name"))
                    .expectNoEvents();
            fixture.given(CREATED, DISPATCHED, CLAIMED)
                    .when(new CompleteJob(JOB, EXECUTOR, 0, List.of(), List.of(blankField), null))
                    .expectException(refusal(InvalidInput.class, "outputs[0].fields"))
                    .expectNoEvents();
        }

        @Test
        void rejectsMissingOutputOrFileInTheLists() {
            fixture.given(CREATED, DISPATCHED, CLAIMED)
                    .when(new CompleteJob(JOB, EXECUTOR, 0, List.of(), Arrays.asList(REPORTED_OUTPUT, null), null))
                    .expectException(refusal(InvalidInput.class, "outputs[1]"))
                    .expectNoEvents();
            fixture.given(CREATED, DISPATCHED, CLAIMED)
                    .when(new CompleteJob(JOB, EXECUTOR, 0, Arrays.asList(null, LOG), List.of(), null))
                    .expectException(refusal(InvalidInput.class, "files[0]"))
                    .expectNoEvents();
        }

        @Test
        void givesEachOutputItsOwnPackageIdInOrder() {
            OutputPackage second = new OutputPackage("other", Map.of(), List.of());
            fixture.given(CREATED, DISPATCHED, CLAIMED)
                    .when(new CompleteJob(JOB, EXECUTOR, 0, List.of(LOG), List.of(REPORTED_OUTPUT, second), null))
                    .expectEvents(new JobCalculated(JOB, PROJECT, 0, List.of(LOG), null),
                            new JobUploaded(JOB, PROJECT),
                            new JobProduced(JOB, PROJECT, NODE, LAYER, List.of(40L, 41L), List.of(OUTPUT,
                                    new JobOutput(OUTPUT.packageId() + 1, "other", Map.of(), List.of()))));
        }
    }

    @Nested
    class Failing {

        static Stream<Arguments> liveHistories() {
            return Stream.of(
                    history("dispatched", CREATED, DISPATCHED),
                    history("claimed", CREATED, DISPATCHED, CLAIMED),
                    history("queued", CREATED, DISPATCHED, CLAIMED, QUEUED),
                    history("started", CREATED, DISPATCHED, CLAIMED, QUEUED, STARTED),
                    history("downloaded", CREATED, DISPATCHED, CLAIMED, QUEUED, STARTED, DOWNLOADED),
                    history("calculated", CREATED, DISPATCHED, CLAIMED, CALCULATED),
                    history("uploaded", CREATED, DISPATCHED, CLAIMED, CALCULATED, UPLOADED));
        }

        @Test
        void refusesAFailureAfterTheOutputsWereProduced() {
            fixture.given(CREATED, DISPATCHED, CLAIMED, CALCULATED, UPLOADED, PRODUCED)
                    .when(new FailJob(JOB, EXECUTOR, "UploadFailed", "late"))
                    .expectException(refusal(Conflict.class, "status"))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "after {0}")
        @MethodSource("liveHistories")
        void failsFromEveryStateBeforeTheEnd(String state, List<Object> history) {
            fixture.given(history)
                    .when(new FailJob(JOB, EXECUTOR, "UploadFailed", "S3 said 403"))
                    .expectEvents(new JobFailed(JOB, PROJECT, "UploadFailed", "S3 said 403"));
        }

        @Test
        void missingMessageBecomesEmpty() {
            fixture.given(CREATED, DISPATCHED, CLAIMED)
                    .when(new FailJob(JOB, EXECUTOR, "BackendError", null))
                    .expectEvents(new JobFailed(JOB, PROJECT, "BackendError", ""));
        }

        @Test
        void repeatedIdenticalFailureIsANoOp() {
            fixture.given(CREATED, DISPATCHED, CLAIMED, new JobFailed(JOB, PROJECT, "UploadFailed", "403"))
                    .when(new FailJob(JOB, EXECUTOR, "UploadFailed", "403"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void keepsTheFilesTheJobLeft() {
            fixture.given(CREATED, DISPATCHED, CLAIMED)
                    .when(new FailJob(JOB, EXECUTOR, "TimeLimitExceeded", "stopped", List.of(LOG)))
                    .expectEvents(new JobFailed(JOB, PROJECT, "TimeLimitExceeded", "stopped", List.of(LOG)));
        }

        @Test
        void rejectsARepeatedFailureWithOtherFiles() {
            fixture.given(CREATED, DISPATCHED, CLAIMED,
                            new JobFailed(JOB, PROJECT, "TimeLimitExceeded", "stopped", List.of(LOG)))
                    .when(new FailJob(JOB, EXECUTOR, "TimeLimitExceeded", "stopped", List.of()))
                    .expectException(refusal(Conflict.class, "status"))
                    .expectNoEvents();
        }

        @Test
        void refusesAMissingFile() {
            fixture.given(CREATED, DISPATCHED, CLAIMED)
                    .when(new FailJob(JOB, EXECUTOR, "OutputError", "bad", java.util.Arrays.asList(LOG, null)))
                    .expectException(refusal(InvalidInput.class, "files[1]"))
                    .expectNoEvents();
        }

        @Test
        void rejectsARepeatedFailureWithAnotherMessage() {
            fixture.given(CREATED, DISPATCHED, CLAIMED, new JobFailed(JOB, PROJECT, "UploadFailed", "403"))
                    .when(new FailJob(JOB, EXECUTOR, "UploadFailed", "403 again"))
                    .expectException(refusal(Conflict.class, "status"))
                    .expectNoEvents();
        }

        @Test
        void refusesANulInTheMessage() {
            fixture.given(CREATED, DISPATCHED, CLAIMED)
                    .when(new FailJob(JOB, EXECUTOR, "UploadFailed", "4\u00003"))
                    .expectException(refusal(InvalidInput.class, "message"))
                    .expectNoEvents();
        }

        @Test
        void refusesAControlCharacterInTheErrorName() {
            fixture.given(CREATED, DISPATCHED, CLAIMED)
                    .when(new FailJob(JOB, EXECUTOR, "Upload\nFailed", "403"))
                    .expectException(refusal(InvalidInput.class, "error"))
                    .expectNoEvents();
        }

        @Test
        void rejectsASecondDifferentFailure() {
            fixture.given(CREATED, DISPATCHED, CLAIMED, new JobFailed(JOB, PROJECT, "UploadFailed", "403"))
                    .when(new FailJob(JOB, EXECUTOR, "Dead", "silent"))
                    .expectException(refusal(Conflict.class, "status"))
                    .expectNoEvents();
        }

        @Test
        void rejectsFailureOfAProcessedJob() {
            fixture.given(CREATED, DISPATCHED, CLAIMED, CALCULATED, UPLOADED, PRODUCED, PROCESSED)
                    .when(new FailJob(JOB, EXECUTOR, "Dead", "silent"))
                    .expectException(refusal(Conflict.class, "status"))
                    .expectNoEvents();
        }

        @Test
        void rejectsFailureByAnotherExecutor() {
            fixture.given(CREATED, DISPATCHED, CLAIMED)
                    .when(new FailJob(JOB, OTHER_EXECUTOR, "Dead", "silent"))
                    .expectException(refusal(Conflict.class, "executor_id"))
                    .expectNoEvents();
        }

        @Test
        void rejectsBlankError() {
            fixture.given(CREATED, DISPATCHED, CLAIMED)
                    .when(new FailJob(JOB, EXECUTOR, " ", "why"))
                    .expectException(refusal(InvalidInput.class, "error"))
                    .expectNoEvents();
        }

        @Test
        void rejectsErrorNameLongerThan100Characters() {
            fixture.given(CREATED, DISPATCHED, CLAIMED)
                    .when(new FailJob(JOB, EXECUTOR, "E".repeat(101), "why"))
                    .expectException(refusal(InvalidInput.class, "error"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Processing {

        @Test
        void producedJobIsMarkedProcessed() {
            fixture.given(CREATED, DISPATCHED, CLAIMED, CALCULATED, UPLOADED, PRODUCED)
                    .when(new MarkJobProcessed(JOB))
                    .expectEvents(PROCESSED);
        }

        @Test
        void markingTwiceIsANoOp() {
            fixture.given(CREATED, DISPATCHED, CLAIMED, CALCULATED, UPLOADED, PRODUCED, PROCESSED)
                    .when(new MarkJobProcessed(JOB))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        static Stream<Arguments> notProduced() {
            return Stream.of(
                    history("dispatched", CREATED, DISPATCHED),
                    history("started", CREATED, DISPATCHED, CLAIMED, STARTED),
                    history("uploaded", CREATED, DISPATCHED, CLAIMED, CALCULATED, UPLOADED));
        }

        @Test
        void aFailedJobStaysFailedAndRoutingIsNotRefused() {
            fixture.given(CREATED, DISPATCHED, CLAIMED, new JobCalculated(JOB, PROJECT, 2, List.of(), null),
                            new JobFailed(JOB, PROJECT, "NonZeroExitCode", "2"))
                    .when(new MarkJobProcessed(JOB))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "after {0}")
        @MethodSource("notProduced")
        void onlyAProducedJobCanBeProcessed(String state, List<Object> history) {
            fixture.given(history)
                    .when(new MarkJobProcessed(JOB))
                    .expectException(refusal(Conflict.class, "status"))
                    .expectNoEvents();
        }
    }

    @Test
    void historiesUsedAboveAreDistinct() {
        List<Object> all = new ArrayList<>(Arrays.asList(CREATED, DISPATCHED, CLAIMED, QUEUED, STARTED, DOWNLOADED,
                CALCULATED, UPLOADED, PRODUCED, PROCESSED));
        org.assertj.core.api.Assertions.assertThat(all).doesNotHaveDuplicates();
    }
}
