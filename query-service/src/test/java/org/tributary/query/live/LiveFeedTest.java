package org.tributary.query.live;

import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.tributary.query.history.HistoryReader;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Stopping the service must not wait for its open live streams: the feed ends them first. */
class LiveFeedTest {

    @Test
    void stopsBeforeTheWebServerWaitsForOpenRequests() {
        // Spring stops higher phases first
        assertThat(new LiveFeed().getPhase()).isGreaterThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE);
    }

    @Test
    void stoppingEndsEveryOpenStream() {
        HistoryReader history = mock(HistoryReader.class);
        when(history.after(anyLong(), anyLong(), anyInt())).thenReturn(List.of());
        AtomicBoolean completed = new AtomicBoolean();
        SseEmitter emitter = new SseEmitter() {
            @Override
            public synchronized void complete() {
                completed.set(true);
                super.complete();
            }
        };
        LiveFeed feed = new LiveFeed();
        feed.start();
        feed.follow(new Follower(7, 0, emitter, history, () -> true));

        feed.stop();

        assertThat(completed).isTrue();
        assertThat(feed.isRunning()).isFalse();
    }
}
