package org.tributary.domain.job;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tributary.domain.job.api.CancelJob;
import org.tributary.domain.job.api.CompleteJob;
import org.tributary.domain.job.api.FailJob;
import org.tributary.domain.job.api.JobCancelled;
import org.tributary.domain.job.api.KeepJobLog;
import org.tributary.domain.job.api.NoteJobWaiting;
import org.tributary.domain.job.api.OutputPackage;
import org.tributary.domain.shared.Conflict;
import org.tributary.domain.shared.FileRef;
import org.tributary.domain.shared.Ids;
import org.tributary.domain.shared.InvalidInput;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.tributary.domain.Refusals.payload;
import static org.tributary.domain.Refusals.refusal;
import static org.tributary.domain.job.JobTest.CALCULATED;
import static org.tributary.domain.job.JobTest.CLAIMED;
import static org.tributary.domain.job.JobTest.CREATED;
import static org.tributary.domain.job.JobTest.DISPATCHED;
import static org.tributary.domain.job.JobTest.EXECUTOR;
import static org.tributary.domain.job.JobTest.JOB;
import static org.tributary.domain.job.JobTest.OTHER_EXECUTOR;
import static org.tributary.domain.job.JobTest.PROJECT;
import static org.tributary.domain.job.JobTest.STARTED;

/** The documented limits of what an executor may report, each exactly at its edge; and who may report. */
class JobLimitsTest {

    private FixtureConfiguration<Job> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Job.class);
        fixture.registerInjectableResource((Ids) kind -> 600);
    }

    static List<FileRef> files(int count) {
        List<FileRef> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            files.add(new FileRef("f" + i, "a".repeat(64), 1, false, null));
        }
        return files;
    }

    static List<OutputPackage> outputs(int count) {
        List<OutputPackage> outputs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            outputs.add(new OutputPackage("out-" + i, Map.of(), List.of()));
        }
        return outputs;
    }

    @Test
    void aCompletionNamesAtMostTheLimitOfFiles() {
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED)
                .when(new CompleteJob(JOB, EXECUTOR, 1, files(Job.MAX_FILES), List.of(), null))
                .expectSuccessfulHandlerExecution();
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED)
                .when(new CompleteJob(JOB, EXECUTOR, 1, files(Job.MAX_FILES + 1), List.of(), null))
                .expectException(refusal(InvalidInput.class, "files"));
    }

    @Test
    void aCompletionHasAtMostTheLimitOfOutputs() {
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED)
                .when(new CompleteJob(JOB, EXECUTOR, 0, List.of(), outputs(Job.MAX_OUTPUTS), null))
                .expectSuccessfulHandlerExecution();
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED)
                .when(new CompleteJob(JOB, EXECUTOR, 0, List.of(), outputs(Job.MAX_OUTPUTS + 1), null))
                .expectException(refusal(InvalidInput.class, "outputs"));
    }

    @Test
    void aFailureKeepsAtMostTheLimitOfFiles() {
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED)
                .when(new FailJob(JOB, EXECUTOR, "RunnerFailed", "killed", files(Job.MAX_FILES)))
                .expectSuccessfulHandlerExecution();
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED)
                .when(new FailJob(JOB, EXECUTOR, "RunnerFailed", "killed", files(Job.MAX_FILES + 1)))
                .expectException(refusal(InvalidInput.class, "files"));
    }

    @Test
    void aStoppedJobsLogIsAtMostTheLimitOfFiles() {
        JobCancelled cancelled = new JobCancelled(JOB, PROJECT, EXECUTOR);
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED, cancelled)
                .when(new KeepJobLog(JOB, EXECUTOR, files(Job.MAX_FILES)))
                .expectSuccessfulHandlerExecution();
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED, cancelled)
                .when(new KeepJobLog(JOB, EXECUTOR, files(Job.MAX_FILES + 1)))
                .expectException(refusal(InvalidInput.class, "files"));
    }

    @Test
    void onlyTheClaimingExecutorSaysWhyAJobWaits() {
        fixture.given(CREATED, DISPATCHED, CLAIMED)
                .when(new NoteJobWaiting(JOB, OTHER_EXECUTOR, "not scheduled"))
                .expectException(refusal(Conflict.class, "executor_id"));
    }

    @Test
    void aCancelOfAnEndedJobSaysItEndedAlready() {
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED, new org.tributary.domain.job.api.JobFailed(JOB, PROJECT,
                        "RunnerFailed", "exit 1"))
                .when(new CancelJob(JOB, PROJECT))
                .expectException(payload(Conflict.class, "ended already",
                        e -> e.getMessage().contains("Error already")));
    }

    @Test
    void aCancelOfAJobWhoseScriptEndedSaysItsOutputsAreOnTheirWay() {
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED, CALCULATED)
                .when(new CancelJob(JOB, PROJECT))
                .expectException(payload(Conflict.class, "outputs on their way",
                        e -> e.getMessage().contains("its outputs are on their way")));
    }
}
