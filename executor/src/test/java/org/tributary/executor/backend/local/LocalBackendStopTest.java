package org.tributary.executor.backend.local;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failed starts of a runner a stop signal caused (the JDK's words for them, however deeply wrapped). */
class LocalBackendStopTest {

    @Test
    void aSpawnHelperEndedBySignalIsAStopEvenWrappedByTheJobsLifecycle() {
        IOException spawn = new IOException("Cannot run program \"/usr/bin/setsid\": error=0, "
                + "Failed to exec spawn helper: pid: 4242, signal: 2");
        assertThat(LocalBackend.killedBySignal(new IllegalStateException(spawn.getMessage(), spawn))).isTrue();
    }

    @Test
    void aMissingRunnerIsAFailureOfItsOwn() {
        IOException missing = new IOException("Cannot run program \"/opt/runner\": error=2, No such file or directory");
        assertThat(LocalBackend.killedBySignal(new IllegalStateException(missing.getMessage(), missing))).isFalse();
    }

    @Test
    void aScriptThatMentionsSignalsInAnotherExceptionIsNotAStop() {
        assertThat(LocalBackend.killedBySignal(new IllegalStateException("signal: 2"))).isFalse();
    }
}
