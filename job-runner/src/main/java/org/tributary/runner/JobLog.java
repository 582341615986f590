package org.tributary.runner;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * The job's log {@code <jobId>.log}: every line prefixed with a timestamp in the format of {@code ts}'s default
 * ({@code %b %d %H:%M:%S}, e.g. {@code Nov 28 14:03:01}), echoed to the runner's stdout, and kept as a tail of the
 * last lines for heartbeats (so a heartbeat never re-reads the file).
 */
final class JobLog implements AutoCloseable {

    static final int TAIL_LINES = 100;

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", Locale.ENGLISH);

    private final Path path;
    private final Clock clock;
    private final DateTimeFormatter format;
    private final PrintStream echo;
    private final Deque<String> tail = new ArrayDeque<>(TAIL_LINES);
    private OutputStream file;
    private boolean writeFailed;

    JobLog(Path path, Clock clock, PrintStream echo) throws IOException {
        this.path = path;
        this.clock = clock;
        this.format = TS.withZone(clock.getZone());
        this.echo = echo;
        // Appends, like the original: a re-run of the same job keeps the earlier attempt's lines.
        this.file = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
    }

    Path path() {
        return path;
    }

    /** A message of the runner itself; a multi-line message becomes several timestamped lines. */
    void info(String message) {
        for (String line : message.split("\r?\n", -1)) {
            line(line);
        }
    }

    /** One line of output (without its line break). */
    synchronized void line(String text) {
        String stamped = format.format(clock.instant()) + " " + text;
        if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
        }
        tail.addLast(stamped);
        echo.println(stamped);
        if (file != null && !writeFailed) {
            try {
                // One write and flush a line, so that the file is complete whenever someone reads it.
                file.write((stamped + "\n").getBytes(StandardCharsets.UTF_8));
                file.flush();
            } catch (IOException e) {
                writeFailed = true;
                echo.println(format.format(clock.instant()) + " cannot write the log file " + path + ": " + e);
            }
        }
    }

    /** The last {@value #TAIL_LINES} lines, each ending with a line break. */
    synchronized String tail() {
        StringBuilder text = new StringBuilder();
        for (String line : tail) {
            text.append(line).append('\n');
        }
        return text.toString();
    }

    /** Closes the file before it is hashed and uploaded; later lines still reach stdout and the tail. */
    synchronized void closeFile() throws IOException {
        if (file != null) {
            OutputStream closing = file;
            file = null;
            closing.close();
        }
    }

    @Override
    public void close() throws IOException {
        closeFile();
    }
}
