package org.tributary.webedge;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LogEventsTest {

    private static String events(String log, long after) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogEvents.copy(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), out, after);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eachLineIsAnEventNumberedByItsLineAndTheEndIsAnEvent() throws IOException {
        assertThat(events("first\nsecond\n", 0)).isEqualTo(
                "id: 1\nevent: line\ndata: first\n\nid: 2\nevent: line\ndata: second\n\nevent: end\ndata: 2\n\n");
    }

    @Test
    void aReconnectResumesAfterTheLastLineItGot() throws IOException {
        assertThat(events("a\nb\nc\n", 2)).isEqualTo("id: 3\nevent: line\ndata: c\n\nevent: end\ndata: 3\n\n");
        assertThat(LogEvents.after("2")).isEqualTo(2);
        assertThat(LogEvents.after("x")).isZero();
        assertThat(LogEvents.after(null)).isZero();
        assertThat(LogEvents.after("-5")).isZero();
    }

    @Test
    void controlCharactersCannotBreakAnEvent() throws IOException {
        assertThat(events("a\rdata: forged\u0007\tok\n", 0))
                .isEqualTo("id: 1\nevent: line\ndata: a\n\nid: 2\nevent: line\ndata: data: forged\uFFFD\tok\n\n"
                        + "event: end\ndata: 2\n\n");
    }

    @Test
    void aLogWhoseCallerIsNoLongerAllowedEndsWithRevokedInsteadOfItsNextLines() throws IOException {
        AtomicBoolean allowed = new AtomicBoolean(true);
        Recheck recheck = new Recheck(allowed::get, Duration.ZERO);
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void flush() {
                // the caller is removed from the project once the first line went out
                allowed.set(false);
            }
        };

        LogEvents.copy(new ByteArrayInputStream("first\nsecond\nthird\n".getBytes(StandardCharsets.UTF_8)), out, 0,
                recheck);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "id: 1\nevent: line\ndata: first\n\n" + LogEvents.REVOKED);
    }
}
