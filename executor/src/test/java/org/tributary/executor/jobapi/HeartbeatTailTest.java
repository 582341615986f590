package org.tributary.executor.jobapi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tributary.domain.shared.InvalidInput;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeartbeatTailTest {

    private static String read(String body, int keep) throws IOException {
        return HeartbeatTail.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), keep);
    }

    @Test
    void keepsAShortTailWhole() throws IOException {
        assertThat(read("{\"log_tail\": \"step 1\\nstep 2\"}", 100)).isEqualTo("step 1\nstep 2");
    }

    @Test
    void keepsTheEndOfALongTail() throws IOException {
        assertThat(read("{\"log_tail\": \"0123456789\"}", 4)).isEqualTo("6789");
    }

    @Test
    void readsOtherFieldsPastAndKeepsNone() throws IOException {
        assertThat(read("{\"progress\": {\"a\": [1, 2]}, \"log_tail\": \"end\", \"more\": \"x\"}", 10))
                .isEqualTo("end");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{}", "{\"log_tail\": null}"})
    void noTailIsAnEmptyOne(String body) throws IOException {
        assertThat(read(body, 10)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"log\"", "{\"log_tail\": \"a\"} {}", "{\"log_tail\": ", "nonsense"})
    void aBodyThatIsNotOneJsonObjectIsRefused(String body) {
        assertThatThrownBy(() -> read(body, 10)).isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).field()).isEqualTo("body"));
    }

    @Test
    void aTailThatIsNoStringIsRefusedByName() {
        assertThatThrownBy(() -> read("{\"log_tail\": 42}", 10)).isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).field()).isEqualTo("log_tail"));
    }

    @Test
    void aBodyLargerThanIsReadIsANoteNotARefusal() throws IOException {
        InputStream huge = new SequenceInputStream(new SequenceInputStream(
                new ByteArrayInputStream("{\"log_tail\": \"".getBytes(StandardCharsets.UTF_8)),
                repeated((byte) 'x', HeartbeatTail.MAX_BODY_BYTES + 1L)),
                new ByteArrayInputStream("\"}".getBytes(StandardCharsets.UTF_8)));

        assertThat(HeartbeatTail.read(huge, 100)).contains("not kept");
        assertThat(huge.read()).as("read to its end").isEqualTo(-1);
    }

    /** {@code count} bytes of {@code b}, made as they are read. */
    private static InputStream repeated(byte b, long count) {
        return new InputStream() {
            long left = count;

            @Override
            public int read() {
                return left-- > 0 ? b : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                java.util.Arrays.fill(buffer, offset, offset + n, b);
                left -= n;
                return n;
            }
        };
    }
}
