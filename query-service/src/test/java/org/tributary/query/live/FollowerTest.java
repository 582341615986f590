package org.tributary.query.live;

import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.tributary.query.history.HistoryReader;
import org.tributary.query.history.HistoryView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** A follower sends only while its caller may still view the project. */
class FollowerTest {

    private final HistoryReader history = mock(HistoryReader.class);
    private final Recording emitter = new Recording();
    private final AtomicBoolean allowed = new AtomicBoolean(true);
    private final Follower follower = new Follower(7, 0, emitter, history, allowed::get);

    @Test
    void sendsNewLinesWhileTheCallerMayViewTheProject() {
        when(history.after(anyLong(), anyLong(), anyInt())).thenReturn(List.of(line(1)), List.of());

        follower.pump();

        assertThat(emitter.sent).singleElement().asString().contains("event:NodeRenamed");
        assertThat(emitter.completed).isFalse();
    }

    @Test
    void aCallerNoLongerAllowedGetsRevokedInsteadOfTheNewLinesAndTheStreamEnds() {
        when(history.after(anyLong(), anyLong(), anyInt())).thenReturn(List.of(line(1)), List.of());
        allowed.set(false);

        follower.pump();

        assertThat(emitter.sent).singleElement().asString().contains("event:revoked").doesNotContain("NodeRenamed");
        assertThat(emitter.completed).isTrue();
        assertThat(follower.schedule()).as("nothing more is pumped").isFalse();
    }

    @Test
    void aHeartbeatEndsTheStreamOfACallerNoLongerAllowedWhenNothingHappens() {
        allowed.set(false);

        follower.heartbeat();

        assertThat(emitter.sent).singleElement().asString().contains("event:revoked");
        assertThat(emitter.completed).isTrue();
    }

    @Test
    void aHeartbeatKeepsTheStreamOfACallerStillAllowed() {
        follower.heartbeat();

        assertThat(emitter.sent).singleElement().asString().contains(":keep-alive");
        assertThat(emitter.completed).isFalse();
    }

    private static HistoryView line(long id) {
        return new HistoryView(id, Instant.EPOCH, "NodeRenamed", "renamed", 3L, null, "ada", null, 1L);
    }

    /** What was sent, one string per event, and whether the stream was completed. */
    private static final class Recording extends SseEmitter {
        final List<String> sent = new ArrayList<>();
        boolean completed;

        @Override
        public void send(SseEventBuilder event) {
            StringBuilder text = new StringBuilder();
            event.build().forEach(part -> text.append(part.getData()));
            sent.add(text.toString());
        }

        @Override
        public synchronized void complete() {
            completed = true;
        }
    }
}
