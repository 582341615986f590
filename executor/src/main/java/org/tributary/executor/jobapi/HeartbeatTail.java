package org.tributary.executor.jobapi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.webedge.RefusedRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;

/**
 * A heartbeat's {@code log_tail}, cut to its last characters. A heartbeat is how a job says it is alive: it is never
 * refused for its size (the original job library sends the log's last 100 lines, and one line redrawn with {@code \r}
 * by a progress bar grows without end), or the job would be ended as dead while it runs. A body of up to
 * {@value #MAX_BODY_BYTES} bytes is read whole; a larger one counts, with a note for its tail, and the rest of it is
 * read and dropped as a body refused for its size is ({@link RefusedRequest#drain}: up to 256 MiB more, so that the
 * job sees the answer rather than a connection cut while it still sends). Only a body that is not a JSON object, or a
 * {@code log_tail} that is not a string, is refused.
 */
final class HeartbeatTail {

    /** The largest body held in memory to be read; four times what any other JSON body may be. */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_BODY_BYTES).build())
            .build();

    private HeartbeatTail() {
    }

    /**
     * @param keep how many characters of the tail's end are kept
     * @return the tail's last {@code keep} characters; empty when the body is empty or names no tail
     */
    static String read(InputStream body, int keep) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            RefusedRequest.drain(body);
            return "[a heartbeat of more than " + MAX_BODY_BYTES + " bytes; its log tail was not kept]";
        }
        try (JsonParser parser = JSON.createParser(bytes)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return "";
            }
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidInput("body", "a heartbeat is a JSON object such as {\"log_tail\": \"…\"}");
            }
            String tail = "";
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!"log_tail".equals(name)) {
                    parser.skipChildren();
                } else if (value == JsonToken.VALUE_STRING) {
                    tail = lastOf(parser, keep);
                } else if (value != JsonToken.VALUE_NULL) {
                    throw new InvalidInput("log_tail", "log_tail is the log's last lines, as a string");
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new InvalidInput("body", "the heartbeat is not one JSON object");
            }
            return tail;
        } catch (JsonProcessingException e) {
            throw new InvalidInput("body", "the heartbeat is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String lastOf(JsonParser parser, int keep) throws IOException {
        Last last = new Last(keep);
        parser.getText(last);
        return last.toString();
    }

    /** A writer that keeps only the last characters written to it. */
    private static final class Last extends Writer {
        private final char[] ring;
        private long written;

        Last(int size) {
            ring = new char[size];
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            int from = Math.max(offset, offset + length - ring.length);
            for (int i = from; i < offset + length; i++) {
                ring[(int) (written++ % ring.length)] = chars[i];
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            int size = (int) Math.min(written, ring.length);
            StringBuilder text = new StringBuilder(size);
            for (long i = written - size; i < written; i++) {
                text.append(ring[(int) (i % ring.length)]);
            }
            return text.toString();
        }
    }
}
