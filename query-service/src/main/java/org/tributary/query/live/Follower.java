package org.tributary.query.live;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.tributary.query.history.HistoryReader;
import org.tributary.query.history.HistoryView;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * One client following one project: the history lines after the last one it got, each as a Server-Sent Event whose
 * id is the line's id (so that a reconnect with {@code Last-Event-ID} misses nothing), whose name is the event's
 * type and whose data is the line ({@link HistoryView}). Pumped by the live feed's threads, one pump at a time.
 * <p>
 * Whether its caller may still view the project is asked again before each batch of lines is sent and at each
 * heartbeat: a member removed from the project, or a key revoked, gets a last {@code revoked} event and the stream
 * ends (lines read before the answer were committed while the caller was allowed).
 */
final class Follower {

    /** Lines read at a time. */
    static final int BATCH = 200;

    private final long projectId;
    private final SseEmitter emitter;
    private final HistoryReader history;
    private final BooleanSupplier allowed;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Object sending = new Object();
    private long cursor;
    private volatile boolean ended;

    Follower(long projectId, long after, SseEmitter emitter, HistoryReader history, BooleanSupplier allowed) {
        this.projectId = projectId;
        this.cursor = after;
        this.emitter = emitter;
        this.history = history;
        this.allowed = allowed;
    }

    long projectId() {
        return projectId;
    }

    /** false when a pump is already due (it will read this change too) or the stream ended. */
    boolean schedule() {
        return !ended && scheduled.compareAndSet(false, true);
    }

    /** Sends every line after the cursor. */
    void pump() {
        // cleared first: a change committed while this pump reads schedules the next one
        scheduled.set(false);
        synchronized (sending) {
            try {
                List<HistoryView> lines;
                do {
                    if (ended) {
                        return;
                    }
                    lines = history.after(projectId, cursor, BATCH);
                    if (!lines.isEmpty() && !allowed.getAsBoolean()) {
                        revoke();
                        return;
                    }
                    for (HistoryView line : lines) {
                        emitter.send(SseEmitter.event().id(Long.toString(line.id())).name(line.type())
                                .data(line, MediaType.APPLICATION_JSON));
                        cursor = line.id();
                    }
                } while (lines.size() == BATCH);
            } catch (IOException | IllegalStateException e) {
                end();   // the client went away, or the stream timed out
            } catch (RuntimeException e) {
                emitter.completeWithError(e);
                ended = true;
            }
        }
    }

    void heartbeat() {
        synchronized (sending) {
            if (ended) {
                return;
            }
            try {
                if (!allowed.getAsBoolean()) {
                    revoke();
                    return;
                }
                emitter.send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException e) {
                end();
            } catch (RuntimeException e) {
                emitter.completeWithError(e);
                ended = true;
            }
        }
    }

    /** The caller may no longer view the project: says so, and ends the stream. */
    private void revoke() {
        try {
            emitter.send(SseEmitter.event().name("revoked").data(Map.of("project_id", projectId,
                    "detail", "You may no longer view this project"), MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            // gone already
        }
        end();
    }

    void onEnd(Runnable forget) {
        emitter.onCompletion(forget);
        // a timed-out stream is completed here: left open, Spring would answer the timeout on a committed response
        emitter.onTimeout(this::end);
        emitter.onError(e -> {
            ended = true;
            forget.run();
        });
    }

    void end() {
        ended = true;
        try {
            emitter.complete();
        } catch (IllegalStateException e) {
            // already completed
        }
    }
}
