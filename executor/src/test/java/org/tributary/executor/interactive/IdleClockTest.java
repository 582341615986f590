package org.tributary.executor.interactive;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class IdleClockTest {

    private static final Instant OPENED = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void readsJupytersLastActivity() {
        String status = "{\"connections\": 1, \"kernels\": 1, \"last_activity\": \"2026-12-02T10:41:07.123456Z\","
                + " \"started\": \"2026-12-02T10:00:01.000000Z\"}";

        assertThat(IdleClock.lastActivity(status)).contains(Instant.parse("2026-12-02T10:41:07.123456Z"));
    }

    @Test
    void readsAnOffsetTimeAsWell() {
        assertThat(IdleClock.lastActivity("{\"last_activity\": \"2026-12-02T11:41:07+01:00\"}"))
                .contains(Instant.parse("2026-12-02T10:41:07Z"));
    }

    @Test
    void anAnswerWithoutATimeSaysNothing() {
        assertThat(IdleClock.lastActivity("{\"connections\": 0}")).isEmpty();
        assertThat(IdleClock.lastActivity("{\"last_activity\": 12}")).isEmpty();
        assertThat(IdleClock.lastActivity("{\"last_activity\": \"yesterday\"}")).isEmpty();
        assertThat(IdleClock.lastActivity("<html>proxy error</html>")).isEmpty();
        assertThat(IdleClock.lastActivity(null)).isEmpty();
    }

    @Test
    void idleSinceTheLastActivity() {
        Instant last = OPENED.plusSeconds(600);

        assertThat(IdleClock.idleFor(OPENED, last, last.plusSeconds(90))).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void idleSinceOpenedWhenNothingIsKnown() {
        assertThat(IdleClock.idleFor(OPENED, null, OPENED.plusSeconds(3600))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void anActivityBeforeTheJobOpenedCountsFromTheOpening() {
        assertThat(IdleClock.idleFor(OPENED, OPENED.minusSeconds(7200), OPENED.plusSeconds(60)))
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void anActivityAheadOfThisClockIsNoIdleness() {
        assertThat(IdleClock.idleFor(OPENED, OPENED.plusSeconds(120), OPENED.plusSeconds(60))).isZero();
    }

    @Test
    void minutesAreWholeAndAtLeastOne() {
        assertThat(IdleClock.minutes(Duration.ofSeconds(59))).isEqualTo(1);
        assertThat(IdleClock.minutes(Duration.ofSeconds(3599))).isEqualTo(59);
        assertThat(IdleClock.minutes(Duration.ofHours(2))).isEqualTo(120);
    }
}
