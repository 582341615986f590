package org.tributary.testsupport.kubernetes;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Fabric8's CRUD dispatcher whose watches never hold up the mock server when they close.
 * <p>
 * In 7.9 a watch's listener sends its events from an executor of its own, and each send waits (up to 30 s) until
 * Vert.x's event loop has written it; when the client closes the watch, the listener's {@code onClosed}, which runs
 * <em>on</em> that event loop, waits (up to a minute) for the executor to finish. A watch closed with events still to
 * send therefore stalls every request to the mock for 30 s or more (seen in CI: a crashed executor's watches closed
 * while the kubelet simulator was changing pods). Here each watch's sends go through a queue of its own instead:
 * the listener's executor only puts them in line, so its {@code onClosed} returns at once, and the line's thread,
 * not the event loop, waits for the writes, in the order they were sent.
 */
final class PromptWatchCloses extends KubernetesCrudDispatcher {

    @Override
    public MockResponse handleWatch(String path) {
        MockResponse response = super.handleWatch(path);
        WebSocketListener listener = response.getWebSocketListener();
        return listener == null ? response : response.withWebSocketUpgrade(new QueuedSends(listener));
    }

    /** Passes every callback on, giving the watch's listener a socket whose sends are queued. */
    private static final class QueuedSends extends WebSocketListener {

        private final WebSocketListener listener;
        private final ThreadPoolExecutor line = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "mock-watch-sends");
                    thread.setDaemon(true);
                    return thread;
                });

        QueuedSends(WebSocketListener listener) {
            this.listener = listener;
        }

        @Override
        public void onBeforeAccept(WebSocket webSocket, Response response) {
            listener.onBeforeAccept(new Queued(webSocket, line), response);
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            listener.onOpen(new Queued(webSocket, line), response);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            listener.onMessage(new Queued(webSocket, line), text);
        }

        @Override
        public void onMessage(WebSocket webSocket, byte[] bytes) {
            listener.onMessage(new Queued(webSocket, line), bytes);
        }

        @Override
        public void onMessage(WebSocket webSocket, ByteString bytes) {
            listener.onMessage(new Queued(webSocket, line), bytes);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            listener.onClosing(new Queued(webSocket, line), code, reason);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            listener.onClosed(new Queued(webSocket, line), code, reason);
            line.shutdown();
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable cause, Response response) {
            listener.onFailure(new Queued(webSocket, line), cause, response);
            line.shutdown();
        }
    }

    /** A socket whose sends are written by the line's thread; closing is passed on at once (it does not wait). */
    private record Queued(WebSocket socket, ExecutorService line) implements WebSocket {

        @Override
        public RecordedRequest request() {
            return socket.request();
        }

        @Override
        public boolean send(String text) {
            return queue(() -> socket.send(text));
        }

        @Override
        public boolean send(byte[] bytes) {
            return queue(() -> socket.send(bytes));
        }

        @Override
        public boolean close(int code, String reason) {
            return socket.close(code, reason);
        }

        private boolean queue(Runnable send) {
            try {
                line.execute(send);
                return true;
            } catch (RejectedExecutionException closed) {
                return false;
            }
        }
    }
}
