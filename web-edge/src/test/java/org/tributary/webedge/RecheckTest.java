package org.tributary.webedge;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RecheckTest {

    private final AtomicBoolean allowed = new AtomicBoolean(true);
    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicLong now = new AtomicLong(1_000);
    private final Recheck recheck = new Recheck(() -> {
        asked.incrementAndGet();
        return allowed.get();
    }, Duration.ofNanos(100), now::get);

    @Test
    void asksTheFirstTime() {
        allowed.set(false);

        assertThat(recheck.stillAllowed()).isFalse();
        assertThat(asked).hasValue(1);
    }

    @Test
    void asksAgainOnlyOnceTheIntervalHasPassed() {
        recheck.stillAllowed();
        allowed.set(false);
        now.addAndGet(99);

        assertThat(recheck.stillAllowed()).isTrue();
        now.addAndGet(1);
        assertThat(recheck.stillAllowed()).isFalse();
        assertThat(asked).hasValue(2);
    }

    @Test
    void staysRefusedOnceRefused() {
        allowed.set(false);
        recheck.stillAllowed();
        allowed.set(true);
        now.addAndGet(1_000);

        assertThat(recheck.stillAllowed()).isFalse();
        assertThat(asked).hasValue(1);
    }
}
