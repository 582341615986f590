package org.tributary.proxy.forward;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the forwarder's position moves as it reads the event table, gaps and all. */
class PositionTest {

    static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final int MAX_GAPS = 10_000;

    static Position after(Position position, Long... read) {
        return position.after(List.of(read), T0, TIMEOUT, MAX_GAPS);
    }

    @Test
    void startsBeforeTheFirstIndexWithNothingAwaited() {
        assertThat(Position.START.index()).isZero();
        assertThat(Position.START.gapList()).isEmpty();
    }

    @Test
    void movesToTheHighestIndexRead() {
        assertThat(after(Position.START, 1L, 2L, 3L)).isEqualTo(Position.of(3, List.of(), T0));
    }

    @Test
    void waitsForIndicesItSkipped() {
        Position next = after(Position.START, 2L, 5L);

        assertThat(next.index()).isEqualTo(5);
        assertThat(next.gapList()).containsExactly(1L, 3L, 4L);
    }

    @Test
    void stopsWaitingForAGapOnceItIsRead() {
        Position next = after(after(Position.START, 2L, 5L), 3L, 6L);

        assertThat(next.index()).isEqualTo(6);
        assertThat(next.gapList()).containsExactly(1L, 4L);
    }

    @Test
    void staysPutWhenNothingWasRead() {
        Position position = after(Position.START, 3L);

        assertThat(after(position)).isEqualTo(position);
    }

    @Test
    void ignoresAnIndexReadAgain() {
        Position position = after(Position.START, 3L);

        assertThat(after(position, 3L)).isEqualTo(position);
    }

    @Test
    void givesUpAGapMissedForLongerThanTheTimeout() {
        Position position = after(Position.START, 1L, 3L);

        Position atTheLimit = position.after(List.of(), T0.plus(TIMEOUT), TIMEOUT, MAX_GAPS);
        Position later = position.after(List.of(), T0.plus(TIMEOUT).plusMillis(1), TIMEOUT, MAX_GAPS);

        assertThat(atTheLimit.gapList()).containsExactly(2L);
        assertThat(later.gapList()).isEmpty();
        assertThat(later.index()).isEqualTo(3);
    }

    @Test
    void timesEachGapFromWhenItWasFirstMissed() {
        Position first = after(Position.START, 1L, 3L);
        Position second = first.after(List.of(5L), T0.plusSeconds(30), TIMEOUT, MAX_GAPS);

        Position next = second.after(List.of(), T0.plusSeconds(61), TIMEOUT, MAX_GAPS);

        assertThat(next.gapList()).containsExactly(4L);
    }

    @Test
    void waitsForAtMostMaxGapsBelowTheNewestIndex() {
        Position next = Position.START.after(List.of(1L, 10L), T0, TIMEOUT, 3);

        assertThat(next.gapList()).containsExactly(7L, 8L, 9L);
    }

    @Test
    void dropsOldGapsThatFallMoreThanMaxGapsBelow() {
        Position position = Position.START.after(List.of(2L, 3L), T0, TIMEOUT, 3);

        Position next = position.after(List.of(6L), T0, TIMEOUT, 3);

        assertThat(next.gapList()).containsExactly(4L, 5L);
    }

    @Test
    void namesTheGapsItGaveUpButNotThoseRead() {
        Position position = after(Position.START, 1L, 4L);
        Position next = position.after(List.of(2L), T0.plus(TIMEOUT).plusSeconds(1), TIMEOUT, MAX_GAPS);

        assertThat(position.givenUp(next, List.of(2L))).containsExactly(3L);
    }

    @Test
    void restoresAStoredPositionWithItsGapsTimedFromNow() {
        Position restored = Position.of(9, List.of(4L, 7L), T0);

        assertThat(restored.gaps()).isEqualTo(new TreeMap<>(Map.of(4L, T0, 7L, T0)));
        assertThat(restored.asToken()).isEqualTo(Map.of("index", 9L, "gaps", List.of(4L, 7L)));
    }

    @Test
    void refusesGapsOutsideItsRange() {
        assertThatThrownBy(() -> Position.of(5, List.of(5L), T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Position.of(5, List.of(0L), T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalsComparesIndexAndGapsNotWhenTheyWereMissed() {
        assertThat(Position.of(5, List.of(3L), T0)).isEqualTo(Position.of(5, List.of(3L), T0.plusSeconds(9)))
                .hasSameHashCodeAs(Position.of(5, List.of(3L), T0.plusSeconds(9)))
                .isNotEqualTo(Position.of(5, List.of(2L), T0))
                .isNotEqualTo(Position.of(6, List.of(3L), T0));
    }
}
