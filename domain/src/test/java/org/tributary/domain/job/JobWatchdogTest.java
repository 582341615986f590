package org.tributary.domain.job;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tributary.domain.job.api.ExpireDispatch;
import org.tributary.domain.job.api.JobDied;
import org.tributary.domain.job.api.JobFailed;
import org.tributary.domain.job.api.JobWaiting;
import org.tributary.domain.job.api.MarkJobDead;
import org.tributary.domain.job.api.NoteJobWaiting;
import org.tributary.domain.shared.Conflict;
import org.tributary.domain.shared.Ids;

import java.util.List;

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

/** Jobs that go silent or are never claimed end instead of waiting for ever. */
class JobWatchdogTest {

    private FixtureConfiguration<Job> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Job.class);
        fixture.registerInjectableResource((Ids) kind -> 600);
    }

    @Test
    void aSilentJobDies() {
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED)
                .when(new MarkJobDead(JOB, EXECUTOR, "no heartbeat for 5 minutes"))
                .expectEvents(new JobDied(JOB, PROJECT, "no heartbeat for 5 minutes"));
    }

    @Test
    void onlyItsExecutorMayDeclareItDead() {
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED)
                .when(new MarkJobDead(JOB, OTHER_EXECUTOR, "gone"))
                .expectException(refusal(Conflict.class, "executor_id"))
                .expectNoEvents();
    }

    @Test
    void aRepeatedIdenticalDeathIsANoOpAndAnotherIsRefused() {
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED, new JobDied(JOB, PROJECT, "silent"))
                .when(new MarkJobDead(JOB, EXECUTOR, "silent"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED, new JobDied(JOB, PROJECT, "silent"))
                .when(new MarkJobDead(JOB, EXECUTOR, "other"))
                .expectException(refusal(Conflict.class, "status"));
    }

    @Test
    void aJobThatCalculatedCannotDie() {
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED, CALCULATED)
                .when(new MarkJobDead(JOB, EXECUTOR, "late"))
                .expectException(refusal(Conflict.class, "status"))
                .expectNoEvents();
    }

    @Test
    void aClaimedJobThatWaitsSaysWhy() {
        fixture.given(CREATED, DISPATCHED, CLAIMED, JobTest.QUEUED)
                .when(new NoteJobWaiting(JOB, EXECUTOR, "not scheduled: 0/3 nodes have 2 nvidia.com/gpu"))
                .expectEvents(new JobWaiting(JOB, PROJECT, "not scheduled: 0/3 nodes have 2 nvidia.com/gpu"));
    }

    @Test
    void theSameReasonAgainOrAReasonAfterTheStartIsNoNews() {
        fixture.given(CREATED, DISPATCHED, CLAIMED, new JobWaiting(JOB, PROJECT, "pulling"))
                .when(new NoteJobWaiting(JOB, EXECUTOR, "pulling"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED)
                .when(new NoteJobWaiting(JOB, EXECUTOR, "pulling"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aBlankReasonIsRefused() {
        fixture.given(CREATED, DISPATCHED, CLAIMED)
                .when(new NoteJobWaiting(JOB, EXECUTOR, " "))
                .expectException(refusal(org.tributary.domain.shared.InvalidInput.class, "reason"));
    }

    @Test
    void anUnclaimedDispatchExpiresAsUnclaimed() {
        fixture.given(CREATED, DISPATCHED)
                .when(new ExpireDispatch(JOB, "no executor claimed it within 30 minutes"))
                .expectEvents(new JobFailed(JOB, PROJECT, "Unclaimed", "no executor claimed it within 30 minutes",
                        List.of()));
    }

    @Test
    void aClaimedJobIsLeftAloneByTheDispatchTimer() {
        fixture.given(CREATED, DISPATCHED, CLAIMED)
                .when(new ExpireDispatch(JOB, "late"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aJobThatFailedBeforeDispatchIsLeftAlone() {
        fixture.given(CREATED, new JobFailed(JOB, PROJECT, "NoExecutor", "none"))
                .when(new ExpireDispatch(JOB, "late"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
