package org.tributary.domain.job;

import org.junit.jupiter.api.Test;
import org.tributary.domain.job.api.JobCancelled;
import org.tributary.domain.shared.Conflict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tributary.domain.job.JobTest.CLAIMED;
import static org.tributary.domain.job.JobTest.CREATED;
import static org.tributary.domain.job.JobTest.DISPATCHED;
import static org.tributary.domain.job.JobTest.EXECUTOR;
import static org.tributary.domain.job.JobTest.JOB;
import static org.tributary.domain.job.JobTest.NODE;
import static org.tributary.domain.job.JobTest.OTHER_EXECUTOR;
import static org.tributary.domain.job.JobTest.PROJECT;
import static org.tributary.domain.job.JobTest.STARTED;

/** A job's secrets are answered for only to the executor that claimed it, and only while it runs. */
class JobPlacementTest {

    private static Job job(Object... events) {
        Job job = new Job();
        for (Object event : events) {
            if (event instanceof org.tributary.domain.job.api.JobCreated e) {
                job.on(e);
            } else if (event instanceof org.tributary.domain.job.api.JobDispatched e) {
                job.on(e);
            } else if (event instanceof org.tributary.domain.job.api.JobClaimed e) {
                job.on(e);
            } else if (event instanceof org.tributary.domain.job.api.JobStatusReported e) {
                job.on(e);
            } else if (event instanceof JobCancelled e) {
                job.on(e);
            } else {
                throw new IllegalArgumentException(event.toString());
            }
        }
        return job;
    }

    @Test
    void theClaimingExecutorLearnsTheJobsProjectAndNode() {
        assertThat(job(CREATED, DISPATCHED, CLAIMED, STARTED).placementFor(EXECUTOR))
                .isEqualTo(new Job.Placement(PROJECT, NODE));
    }

    @Test
    void anotherExecutorIsRefused() {
        assertThatThrownBy(() -> job(CREATED, DISPATCHED, CLAIMED).placementFor(OTHER_EXECUTOR))
                .isInstanceOfSatisfying(Conflict.class, e -> assertThat(e.field()).isEqualTo("executor_id"));
    }

    @Test
    void anUnclaimedJobIsRefused() {
        assertThatThrownBy(() -> job(CREATED, DISPATCHED).placementFor(EXECUTOR))
                .isInstanceOfSatisfying(Conflict.class, e -> assertThat(e.field()).isEqualTo("executor_id"));
    }

    @Test
    void anEndedJobIsRefused() {
        assertThatThrownBy(() -> job(CREATED, DISPATCHED, CLAIMED, new JobCancelled(JOB, PROJECT, EXECUTOR))
                .placementFor(EXECUTOR))
                .isInstanceOfSatisfying(Conflict.class, e -> assertThat(e.field()).isEqualTo("status"));
    }
}
