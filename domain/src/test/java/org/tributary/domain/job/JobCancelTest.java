package org.tributary.domain.job;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tributary.domain.job.api.CancelJob;
import org.tributary.domain.job.api.ClaimJob;
import org.tributary.domain.job.api.CompleteJob;
import org.tributary.domain.job.api.CreateJob;
import org.tributary.domain.job.api.FailJob;
import org.tributary.domain.job.api.JobCancelled;
import org.tributary.domain.job.api.JobCreated;
import org.tributary.domain.job.api.JobDied;
import org.tributary.domain.job.api.JobDispatched;
import org.tributary.domain.job.api.JobFailed;
import org.tributary.domain.job.api.JobLogKept;
import org.tributary.domain.job.api.KeepJobLog;
import org.tributary.domain.job.api.MarkJobDead;
import org.tributary.domain.shared.Conflict;
import org.tributary.domain.shared.Ids;
import org.tributary.domain.shared.NotFound;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tributary.domain.Refusals.refusal;
import static org.tributary.domain.job.JobTest.CALCULATED;
import static org.tributary.domain.job.JobTest.CLAIMED;
import static org.tributary.domain.job.JobTest.CREATED;
import static org.tributary.domain.job.JobTest.DISPATCHED;
import static org.tributary.domain.job.JobTest.EXECUTOR;
import static org.tributary.domain.job.JobTest.JOB;
import static org.tributary.domain.job.JobTest.LAYER;
import static org.tributary.domain.job.JobTest.NODE;
import static org.tributary.domain.job.JobTest.PROCESSED;
import static org.tributary.domain.job.JobTest.PRODUCED;
import static org.tributary.domain.job.JobTest.PROJECT;
import static org.tributary.domain.job.JobTest.QUEUED;
import static org.tributary.domain.job.JobTest.SPEC;
import static org.tributary.domain.job.JobTest.STARTED;
import static org.tributary.domain.job.JobTest.UPLOADED;

/** A user cancels a job until its script ends, and restarts any job of the project. */
class JobCancelTest {

    private static final JobCancelled CANCELLED = new JobCancelled(JOB, PROJECT, EXECUTOR);

    private FixtureConfiguration<Job> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Job.class);
        fixture.registerInjectableResource((Ids) kind -> 600);
    }

    @Test
    void aDispatchedJobIsCancelledAndTheEventNamesItsExecutor() {
        fixture.given(CREATED, DISPATCHED)
                .when(new CancelJob(JOB, PROJECT))
                .expectEvents(CANCELLED);
    }

    @Test
    void aJobHeldWhileItsProjectIsOffIsMadeAndNotDispatched() {
        fixture.givenNoPriorActivity()
                .when(new org.tributary.domain.job.api.CreateJob(JOB, PROJECT, SPEC, EXECUTOR, null, true))
                .expectEvents(new org.tributary.domain.job.api.JobCreated(JOB, PROJECT, SPEC, EXECUTOR, null, true));
    }

    @Test
    void aHeldJobIsDispatchedToTheExecutorNamedAtCreation() {
        fixture.given(CREATED)
                .when(new org.tributary.domain.job.api.DispatchJob(JOB))
                .expectEvents(DISPATCHED);
    }

    @Test
    void dispatchingADispatchedJobAgainChangesNothing() {
        fixture.given(CREATED, DISPATCHED)
                .when(new org.tributary.domain.job.api.DispatchJob(JOB))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aCancelledHeldJobIsNeverDispatched() {
        fixture.given(CREATED, CANCELLED)
                .when(new org.tributary.domain.job.api.DispatchJob(JOB))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aHeldJobIsCancelledNamingItsPlannedExecutor() {
        fixture.given(CREATED)
                .when(new CancelJob(JOB, PROJECT))
                .expectEvents(CANCELLED);
    }

    @Test
    void anEndedJobIsDeleted() {
        fixture.given(CREATED, DISPATCHED, CANCELLED)
                .when(new org.tributary.domain.job.api.DeleteJob(JOB, PROJECT))
                .expectEvents(new org.tributary.domain.job.api.JobDeleted(JOB, PROJECT, NODE, LAYER))
                .expectMarkedDeleted();
    }

    @Test
    void aRunningJobIsCancelledThenDeleted() {
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED)
                .when(new org.tributary.domain.job.api.DeleteJob(JOB, PROJECT))
                .expectEvents(new JobCancelled(JOB, PROJECT, EXECUTOR, "the job was deleted"),
                        new org.tributary.domain.job.api.JobDeleted(JOB, PROJECT, NODE, LAYER));
    }

    @Test
    void aJobWhoseOutputsAreOnTheirWayIsNotDeletedYet() {
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED, CALCULATED)
                .when(new org.tributary.domain.job.api.DeleteJob(JOB, PROJECT))
                .expectException(refusal(Conflict.class, "status"))
                .expectNoEvents();
    }

    @Test
    void aCascadeLeavesAFinishingJobAlone() {
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED, CALCULATED)
                .when(new org.tributary.domain.job.api.DeleteJob(JOB, PROJECT, true))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anotherProjectsJobIsNotFoundForDeletion() {
        fixture.given(CREATED, DISPATCHED)
                .when(new org.tributary.domain.job.api.DeleteJob(JOB, PROJECT + 1))
                .expectException(refusal(org.tributary.domain.shared.NotFound.class, "job_id"))
                .expectNoEvents();
    }

    @Test
    void aRunningJobIsCancelled() {
        fixture.given(CREATED, DISPATCHED, CLAIMED, QUEUED, STARTED)
                .when(new CancelJob(JOB, PROJECT))
                .expectEvents(CANCELLED);
    }

    @Test
    void aRepeatedCancelIsANoOp() {
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED, CANCELLED)
                .when(new CancelJob(JOB, PROJECT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aJobWhoseScriptEndedCannotBeCancelled() {
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED, CALCULATED, UPLOADED)
                .when(new CancelJob(JOB, PROJECT))
                .expectException(refusal(Conflict.class, "status"))
                .expectNoEvents();
    }

    @Test
    void anEndedJobCannotBeCancelled() {
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED, CALCULATED, UPLOADED, PRODUCED, PROCESSED)
                .when(new CancelJob(JOB, PROJECT))
                .expectException(refusal(Conflict.class, "status"));
        fixture.given(CREATED, DISPATCHED, new JobDied(JOB, PROJECT, "silent"))
                .when(new CancelJob(JOB, PROJECT))
                .expectException(refusal(Conflict.class, "status"));
    }

    @Test
    void aJobOfAnotherProjectIsNotFound() {
        fixture.given(CREATED, DISPATCHED)
                .when(new CancelJob(JOB, PROJECT + 1))
                .expectException(refusal(NotFound.class, "job_id"))
                .expectNoEvents();
    }

    @Test
    void aCancelledJobTakesNoClaimNorReportNorFailureNorDeath() {
        fixture.given(CREATED, DISPATCHED, CANCELLED)
                .when(new ClaimJob(JOB, EXECUTOR))
                .expectException(refusal(Conflict.class, "status"));
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED, CANCELLED)
                .when(new CompleteJob(JOB, EXECUTOR, 0, List.of(), List.of(), null))
                .expectException(refusal(Conflict.class, "status"));
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED, CANCELLED)
                .when(new FailJob(JOB, EXECUTOR, "RunnerFailed", "killed"))
                .expectException(refusal(Conflict.class, "status"));
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED, CANCELLED)
                .when(new MarkJobDead(JOB, EXECUTOR, "silent"))
                .expectException(refusal(Conflict.class, "status"));
    }

    @Test
    void aRestartNamesTheJobItRunsAgain() {
        fixture.givenNoPriorActivity()
                .when(new CreateJob(JOB, PROJECT, SPEC, EXECUTOR, 499L))
                .expectEvents(new JobCreated(JOB, PROJECT, SPEC, EXECUTOR, 499L),
                        new JobDispatched(JOB, PROJECT, EXECUTOR, SPEC));
    }

    @Test
    void aJobAnswersWhatARestartRunsAgainOnlyToItsProject() {
        Job job = new Job();
        job.on(CREATED);

        assertThat(job.rerun(PROJECT)).isEqualTo(new Job.Rerun(NODE, LAYER, SPEC.inputs()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> job.rerun(PROJECT + 1))
                .isInstanceOfSatisfying(NotFound.class, e -> assertThat(e.field()).isEqualTo("job_id"));
    }

    @Test
    void aFailedJobStaysFailedWhenCancelled() {
        fixture.given(CREATED, DISPATCHED, new JobFailed(JOB, PROJECT, "ImagePullFailed", "no such image"))
                .when(new CancelJob(JOB, PROJECT))
                .expectException(refusal(Conflict.class, "status"));
    }

    @Test
    void aCancelledJobKeepsWhatItPrintedOnce() {
        List<org.tributary.domain.shared.FileRef> log = List.of(JobTest.LOG);
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED, CANCELLED)
                .when(new KeepJobLog(JOB, EXECUTOR, log))
                .expectEvents(new JobLogKept(JOB, PROJECT, log));
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED, CANCELLED, new JobLogKept(JOB, PROJECT, log))
                .when(new KeepJobLog(JOB, EXECUTOR, log))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED, CANCELLED, new JobLogKept(JOB, PROJECT, log))
                .when(new KeepJobLog(JOB, EXECUTOR, List.of(JobTest.INPUT_FILE)))
                .expectException(refusal(Conflict.class, "files"));
    }

    @Test
    void onlyAStoppedJobsExecutorKeepsItsLogThisWay() {
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED)
                .when(new KeepJobLog(JOB, EXECUTOR, List.of(JobTest.LOG)))
                .expectException(refusal(Conflict.class, "status"));
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED, new JobDied(JOB, PROJECT, "silent"))
                .when(new KeepJobLog(JOB, JobTest.OTHER_EXECUTOR, List.of(JobTest.LOG)))
                .expectException(refusal(Conflict.class, "executor_id"));
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED, new JobDied(JOB, PROJECT, "silent"))
                .when(new KeepJobLog(JOB, EXECUTOR, List.of(JobTest.LOG)))
                .expectEvents(new JobLogKept(JOB, PROJECT, List.of(JobTest.LOG)));
    }
}
