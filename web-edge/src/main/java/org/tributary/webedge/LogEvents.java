package org.tributary.webedge;

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
 * a bare carriage return.
 */
public final class LogEvents {

    public static final String CONTENT_TYPE = "text/event-stream;charset=UTF-8";

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
        BufferedReader lines = new BufferedReader(new InputStreamReader(log, StandardCharsets.UTF_8));
        long number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (number <= after) {
                continue;
            }
            out.write(("id: " + number + "\nevent: line\ndata: " + clean(line) + "\n\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        out.write(("event: end\ndata: " + number + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
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
