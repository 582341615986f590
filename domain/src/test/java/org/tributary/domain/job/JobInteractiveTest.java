package org.tributary.domain.job;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tributary.domain.job.api.JobCancelled;
import org.tributary.domain.job.api.JobClaimed;
import org.tributary.domain.job.api.JobCreated;
import org.tributary.domain.job.api.JobDispatched;
import org.tributary.domain.job.api.JobFailed;
import org.tributary.domain.job.api.JobInteractiveOpened;
import org.tributary.domain.job.api.JobSpec;
import org.tributary.domain.job.api.OpenInteractive;
import org.tributary.domain.job.api.StopIdleJob;
import org.tributary.domain.shared.Conflict;
import org.tributary.domain.shared.Ids;
import org.tributary.domain.shared.InvalidInput;

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
import static org.tributary.domain.job.JobTest.SPEC;
import static org.tributary.domain.job.JobTest.STARTED;

/** An interactive job's Jupyter: where it listens, and the idle limit that stops it. */
class JobInteractiveTest {

    static final JobSpec INTERACTIVE = new JobSpec(SPEC.nodeId(), SPEC.layerId(), SPEC.inputs(), SPEC.fields(),
            SPEC.container(), SPEC.nodeFiles(), true, List.of());
    static final JobCreated CREATED_INTERACTIVE = new JobCreated(JOB, PROJECT, INTERACTIVE, EXECUTOR);
    static final JobDispatched DISPATCHED_INTERACTIVE = new JobDispatched(JOB, PROJECT, EXECUTOR, INTERACTIVE);
    static final String URL = "http://tributary-a-500.jobs.svc:8888";
    static final JobInteractiveOpened OPENED = new JobInteractiveOpened(JOB, PROJECT, URL);

    private FixtureConfiguration<Job> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Job.class);
        fixture.registerInjectableResource((Ids) kind -> 600);
    }

    @Test
    void theClaimingExecutorSaysWhereJupyterListens() {
        fixture.given(CREATED_INTERACTIVE, DISPATCHED_INTERACTIVE, CLAIMED, STARTED)
                .when(new OpenInteractive(JOB, EXECUTOR, URL + "/"))
                .expectEvents(OPENED);
    }

    @Test
    void theSameAddressAgainIsANoOp() {
        fixture.given(CREATED_INTERACTIVE, DISPATCHED_INTERACTIVE, CLAIMED, STARTED, OPENED)
                .when(new OpenInteractive(JOB, EXECUTOR, URL))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aNewAddressReplacesTheOld() {
        fixture.given(CREATED_INTERACTIVE, DISPATCHED_INTERACTIVE, CLAIMED, STARTED, OPENED)
                .when(new OpenInteractive(JOB, EXECUTOR, "http://10.0.0.9:8888"))
                .expectEvents(new JobInteractiveOpened(JOB, PROJECT, "http://10.0.0.9:8888"));
    }

    @Test
    void anotherExecutorCannotSayWhere() {
        fixture.given(CREATED_INTERACTIVE, DISPATCHED_INTERACTIVE, CLAIMED)
                .when(new OpenInteractive(JOB, OTHER_EXECUTOR, URL))
                .expectException(refusal(Conflict.class, "executor_id"));
    }

    @Test
    void aBatchJobHasNoJupyter() {
        fixture.given(CREATED, DISPATCHED, CLAIMED)
                .when(new OpenInteractive(JOB, EXECUTOR, URL))
                .expectException(refusal(Conflict.class, "interactive"));
    }

    @Test
    void anEndedJobHasNoJupyter() {
        fixture.given(CREATED_INTERACTIVE, DISPATCHED_INTERACTIVE, CLAIMED,
                        new JobFailed(JOB, PROJECT, "RunnerFailed", "exit 1"))
                .when(new OpenInteractive(JOB, EXECUTOR, URL))
                .expectException(refusal(Conflict.class, "status"));
    }

    @Test
    void anAddressWithAPathOrAUserIsRefused() {
        for (String bad : List.of("http://host:8888/elsewhere", "http://me:pw@host:8888", "file:///etc/passwd",
                "gopher://host", "http://host?x=1", "not a url", "")) {
            fixture.given(CREATED_INTERACTIVE, DISPATCHED_INTERACTIVE, CLAIMED)
                    .when(new OpenInteractive(JOB, EXECUTOR, bad))
                    .expectException(refusal(InvalidInput.class, "url"));
        }
    }

    @Test
    void anIdleInteractiveJobIsCancelledWithTheReason() {
        fixture.given(CREATED_INTERACTIVE, DISPATCHED_INTERACTIVE, CLAIMED, STARTED, OPENED)
                .when(new StopIdleJob(JOB, EXECUTOR, 60))
                .expectEvents(new JobCancelled(JOB, PROJECT, EXECUTOR,
                        "stopped by its executor after 60 minutes without activity in Jupyter"));
    }

    @Test
    void oneIdleMinuteIsSaidInTheSingular() {
        fixture.given(CREATED_INTERACTIVE, DISPATCHED_INTERACTIVE, CLAIMED, STARTED)
                .when(new StopIdleJob(JOB, EXECUTOR, 1))
                .expectEvents(new JobCancelled(JOB, PROJECT, EXECUTOR,
                        "stopped by its executor after 1 minute without activity in Jupyter"));
    }

    @Test
    void anIdleStopOfACancelledJobIsANoOp() {
        fixture.given(CREATED_INTERACTIVE, DISPATCHED_INTERACTIVE, CLAIMED, STARTED,
                        new JobCancelled(JOB, PROJECT, EXECUTOR))
                .when(new StopIdleJob(JOB, EXECUTOR, 60))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aBatchJobHasNoIdleLimit() {
        fixture.given(CREATED, DISPATCHED, CLAIMED, STARTED)
                .when(new StopIdleJob(JOB, EXECUTOR, 60))
                .expectException(refusal(Conflict.class, "interactive"));
    }

    @Test
    void onlyItsExecutorStopsAnIdleJob() {
        fixture.given(CREATED_INTERACTIVE, DISPATCHED_INTERACTIVE, CLAIMED, STARTED)
                .when(new StopIdleJob(JOB, OTHER_EXECUTOR, 60))
                .expectException(refusal(Conflict.class, "executor_id"));
    }

    @Test
    void aJobWhoseJupyterEndedIsNotStopped() {
        fixture.given(CREATED_INTERACTIVE, DISPATCHED_INTERACTIVE, CLAIMED, STARTED, CALCULATED)
                .when(new StopIdleJob(JOB, EXECUTOR, 60))
                .expectException(refusal(Conflict.class, "status"));
    }

    @Test
    void anIdleLimitBelowAMinuteIsRefused() {
        fixture.given(CREATED_INTERACTIVE, DISPATCHED_INTERACTIVE, CLAIMED, STARTED)
                .when(new StopIdleJob(JOB, EXECUTOR, 0))
                .expectException(refusal(InvalidInput.class, "idle_minutes"));
    }
}
