package org.tributary.executor.backend.local;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Which ends of a runner or script, and which failed starts of a runner, the stop of the JVM caused (a stop signal
 * that reached the child too), and which belong to the job.
 */
class JvmStopTest {

    /** Long enough that a test which waited for it would fail its own limit. */
    private static final Duration LONG = Duration.ofSeconds(60);

    @Test
    void aScriptEndedBySigintAsTheJvmBeginsToStopEndedWithTheStop() throws Exception {
        JvmStop stop = new JvmStop(LONG);
        CompletableFuture<Boolean> asked = CompletableFuture.supplyAsync(() -> stop.ended(130));

        stop.begin();

        assertThat(asked.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aScriptEndedBySigtermWhileTheJvmRunsOnEndedOnItsOwnAfterTheGrace() {
        JvmStop stop = new JvmStop(Duration.ofMillis(50));

        assertThat(stop.ended(143)).isFalse();
    }

    @Test
    void aScriptThatExitedWithACodeOfItsOwnIsAnsweredAtOnce() {
        JvmStop stop = new JvmStop(LONG);

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThat(stop.ended(1)).isFalse());
    }

    @Test
    void aScriptThatExitedOnItsOwnWhileTheJvmStopsEndedOnItsOwn() {
        JvmStop stop = new JvmStop(LONG);

        stop.begin();

        assertThat(stop.endedBySignal(0)).isFalse();
        assertThat(stop.endedBySignal(130)).isTrue();
    }

    @Test
    void anyEndOnceTheBackendClosedBelongsToTheStop() {
        JvmStop stop = new JvmStop(LONG);

        stop.close();

        assertThat(stop.ended(0)).isTrue();
        assertThat(stop.closed()).isTrue();
    }

    @Test
    void aStartBrokenBySignalAsTheJvmBeginsToStopIsPartOfTheStop() throws Exception {
        JvmStop stop = new JvmStop(LONG);
        IOException spawn = new IOException("Failed to exec spawn helper: pid: 4242, signal: 2");
        CompletableFuture<Boolean> asked = CompletableFuture.supplyAsync(() -> stop.brokeStart(spawn));

        stop.begin();

        assertThat(asked.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aStartThatFailedOtherwiseIsTheJobsFailureAtOnce() {
        JvmStop stop = new JvmStop(LONG);
        IOException missing = new IOException("Cannot run program \"/opt/runner\": error=2, No such file");

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThat(stop.brokeStart(missing)).isFalse());
    }

    @Test
    void aSpawnHelperEndedBySignalIsAStopEvenWrappedByTheJobsLifecycle() {
        IOException spawn = new IOException("Cannot run program \"/usr/bin/setsid\": error=0, "
                + "Failed to exec spawn helper: pid: 4242, signal: 2");
        assertThat(JvmStop.killedBySignal(new IllegalStateException(spawn.getMessage(), spawn))).isTrue();
    }

    @Test
    void aMissingRunnerIsAFailureOfItsOwn() {
        IOException missing = new IOException("Cannot run program \"/opt/runner\": error=2, No such file or directory");
        assertThat(JvmStop.killedBySignal(new IllegalStateException(missing.getMessage(), missing))).isFalse();
    }

    @Test
    void aScriptThatMentionsSignalsInAnotherExceptionIsNotAStop() {
        assertThat(JvmStop.killedBySignal(new IllegalStateException("signal: 2"))).isFalse();
    }
}
