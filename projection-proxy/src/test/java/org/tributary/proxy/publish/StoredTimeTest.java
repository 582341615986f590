package org.tributary.proxy.publish;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A stored timestamp reads as Instant.parse reads it, and its header text is Instant.toString's. */
class StoredTimeTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-06T22:30:31.498Z", "2026-12-06T22:30:31.000Z", "2026-12-06T22:30:31.490Z",
            "2024-02-29T23:59:59.999Z", "1970-01-01T00:00:00.001Z", "2026-12-06T22:30:31Z",
            "2026-12-06T22:30:31.123456Z", "2026-12-06T22:30:31.1Z"})
    void readsWhatInstantParseReads(String stored) {
        StoredTime time = StoredTime.parse(stored);

        assertThat(time.instant()).isEqualTo(Instant.parse(stored));
        assertThat(time.text()).isEqualTo(Instant.parse(stored).toString());
    }

    @Test
    void refusesWhatIsNotATime() {
        assertThatThrownBy(() -> StoredTime.parse("2026-13-06T22:30:31.498Z")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> StoredTime.parse("2026-12-06T24:30:31.498Z"))
                .isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> StoredTime.parse("2026-12-06 22:30:31.498Z"))
                .isInstanceOf(DateTimeParseException.class);
    }
}
