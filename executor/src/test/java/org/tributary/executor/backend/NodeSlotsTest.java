package org.tributary.executor.backend;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A node's parallel_jobs: who may start now, who waits, who starts when a job ends. */
class NodeSlotsTest {

    static final long NODE = 5;
    static final long OTHER = 6;

    final NodeSlots<String> slots = new NodeSlots<>();

    @Test
    void withoutALimitEveryJobStarts() {
        for (long job = 1; job <= 100; job++) {
            assertThat(slots.tryStart(job, NODE, 0, "job-" + job)).isTrue();
        }
    }

    @Test
    void jobsUpToTheLimitStart() {
        assertThat(slots.tryStart(1, NODE, 2, "a")).isTrue();
        assertThat(slots.tryStart(2, NODE, 2, "b")).isTrue();
    }

    @Test
    void aJobBeyondTheLimitWaits() {
        slots.tryStart(1, NODE, 2, "a");
        slots.tryStart(2, NODE, 2, "b");

        assertThat(slots.tryStart(3, NODE, 2, "c")).isFalse();
        assertThat(slots.isWaiting(3)).isTrue();
    }

    @Test
    void anotherNodesJobsDoNotCount() {
        slots.tryStart(1, NODE, 1, "a");

        assertThat(slots.tryStart(2, OTHER, 1, "b")).isTrue();
    }

    @Test
    void whenAJobEndsTheFirstWaitingJobOfItsNodeStarts() {
        slots.tryStart(1, NODE, 1, "a");
        slots.tryStart(2, NODE, 1, "b");
        slots.tryStart(3, NODE, 1, "c");

        assertThat(slots.end(1)).containsExactly("b");
        assertThat(slots.isWaiting(2)).isFalse();
        assertThat(slots.isWaiting(3)).isTrue();
    }

    @Test
    void aJobEndingFreesNoSlotOfAnotherNode() {
        slots.tryStart(1, NODE, 1, "a");
        slots.tryStart(2, OTHER, 1, "b");
        slots.tryStart(3, OTHER, 1, "c");

        assertThat(slots.end(1)).isEmpty();
        assertThat(slots.isWaiting(3)).isTrue();
    }

    @Test
    void aStartedWaitingJobHoldsItsSlotInTurn() {
        slots.tryStart(1, NODE, 1, "a");
        slots.tryStart(2, NODE, 1, "b");
        slots.end(1);

        assertThat(slots.tryStart(3, NODE, 1, "c")).isFalse();
        assertThat(slots.end(2)).containsExactly("c");
    }

    @Test
    void aWaitingJobThatIsCancelledNeverStarts() {
        slots.tryStart(1, NODE, 1, "a");
        slots.tryStart(2, NODE, 1, "b");

        assertThat(slots.end(2)).isEmpty();
        assertThat(slots.end(1)).isEmpty();
    }

    @Test
    void endingAJobTwiceFreesOneSlot() {
        slots.tryStart(1, NODE, 2, "a");
        slots.tryStart(2, NODE, 2, "b");
        slots.tryStart(3, NODE, 2, "c");
        slots.tryStart(4, NODE, 2, "d");

        assertThat(slots.end(1)).containsExactly("c");
        assertThat(slots.end(1)).isEmpty();
        assertThat(slots.isWaiting(4)).isTrue();
    }

    @Test
    void aJobAskingAgainWhileRunningKeepsItsOneSlot() {
        slots.tryStart(1, NODE, 1, "a");

        assertThat(slots.tryStart(1, NODE, 1, "a")).isTrue();
        assertThat(slots.end(1)).isEmpty();
        assertThat(slots.tryStart(2, NODE, 1, "b")).isTrue();
    }

    @Test
    void jobsRunningBeforeARestartCountAgainstTheLimit() {
        slots.running(1, NODE);
        slots.running(1, NODE);

        assertThat(slots.tryStart(2, NODE, 1, "b")).isFalse();
        assertThat(slots.end(1)).containsExactly("b");
    }
}
