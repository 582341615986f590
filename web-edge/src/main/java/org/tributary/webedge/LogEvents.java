package org.tributary.webedge;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A job's log as Server-Sent Events: one {@code line} event per line, its line number as the event id (so that a
 * client that reconnects with {@code Last-Event-ID} gets the lines after it, and misses none), and an {@code end}
 * event when the log is complete. Control characters other than tab are shown as U+FFFD: an event's data cannot hold
 * a bare carriage return. An answer that outlives its access check ({@link Recheck}) asks again as it goes; once
 * refused, a followed log gets a last {@code revoked} event (a text log just stops) and ends.
 */
public final class LogEvents {

    public static final String CONTENT_TYPE = "text/event-stream;charset=UTF-8";
    /** The last event of a followed log whose caller may no longer view it. */
    static final String REVOKED = "event: revoked\ndata: you may no longer view this job's log\n\n";

    private LogEvents() {
    }

    /** The line after which a reconnecting client resumes; 0 (from the start) when the header is absent or bad. */
    public static long after(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(lastEventId.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Copies {@code log} as events, skipping the first {@code after} lines, flushing each line, and ends with an
     * {@code end} event once the stream ends.
     */
    public static void copy(InputStream log, OutputStream out, long after) throws IOException {
        copy(log, out, after, Recheck.ALWAYS);
    }

    /** The same, while {@code recheck} allows; else a {@code revoked} event ends it. */
    public static void copy(InputStream log, OutputStream out, long after, Recheck recheck) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(log, StandardCharsets.UTF_8));
        long number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (number <= after) {
                continue;
            }
            if (!recheck.stillAllowed()) {
                out.write(REVOKED.getBytes(StandardCharsets.UTF_8));
                out.flush();
                return;
            }
            out.write(("id: " + number + "\nevent: line\ndata: " + clean(line) + "\n\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        out.write(("event: end\ndata: " + number + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * The answer that streams a log: as events ({@code follow}) or text. With {@code numbered}, the log is turned
     * into events here ({@link #copy}); without, it is passed on as it comes (already events, or text), each read
     * flushed, so that a followed log never waits in a buffer.
     */
    public static ResponseEntity<StreamingResponseBody> answer(InputStream log, boolean follow, boolean numbered,
                                                               long after) {
        return answer(log, follow, numbered, after, Recheck.ALWAYS);
    }

    /** The same, while {@code recheck} allows. */
    public static ResponseEntity<StreamingResponseBody> answer(InputStream log, boolean follow, boolean numbered,
                                                               long after, Recheck recheck) {
        StreamingResponseBody body = out -> {
            try (InputStream in = log) {
                if (numbered) {
                    copy(in, out, after, recheck);
                    return;
                }
                byte[] buffer = new byte[8192];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (!recheck.stillAllowed()) {
                        if (follow) {
                            // what was passed on may have ended inside an event: a blank line closes it first
                            out.write(("\n\n" + REVOKED).getBytes(StandardCharsets.UTF_8));
                            out.flush();
                        }
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        };
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(follow ? CONTENT_TYPE : "text/plain;charset=UTF-8"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }

    static String clean(String line) {
        StringBuilder clean = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            clean.append(c != '\t' && Character.isISOControl(c) ? '\uFFFD' : c);
        }
        return clean.toString();
    }
}
