package org.tributary.gateway.interactive;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Both ends of one proxied WebSocket: the browser's (a Spring {@link WebSocketHandler} on the gateway's Tomcat) and
 * Jupyter's (a JDK {@link WebSocket.Listener}). Each message is passed on as it comes, in parts when it comes in
 * parts, and the next one is taken only once it was sent: a slow browser slows Jupyter down rather than filling the
 * gateway's memory. A close on either side closes the other with the same code.
 */
class SocketBridge implements WebSocketHandler, WebSocket.Listener {

    private static final Logger log = LoggerFactory.getLogger(SocketBridge.class);
    private static final int SEND_TIME_LIMIT_MS = 60_000;
    private static final int BUFFER_LIMIT_BYTES = 16 * 1024 * 1024;

    private final CountDownLatch browserReady = new CountDownLatch(1);
    private volatile WebSocket jupyter;
    private volatile WebSocketSession browser;

    // ---- Jupyter's side: nothing is taken from Jupyter before the browser's socket is open

    @Override
    public void onOpen(WebSocket webSocket) {
        this.jupyter = webSocket;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        toBrowser(new TextMessage(data.toString(), last));
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        toBrowser(new BinaryMessage(bytes, last));
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        // the JDK answers the pong itself
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeBrowser(new CloseStatus(sendable(statusCode), reason == null ? "" : reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        log.debug("an interactive job's Jupyter socket failed: {}", error.toString());
        closeBrowser(CloseStatus.SERVER_ERROR);
    }

    // ---- the browser's side

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        browser = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, BUFFER_LIMIT_BYTES);
        browserReady.countDown();
        jupyter.request(1);
    }

    @Override
    public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
        if (jupyter.isOutputClosed()) {
            return; // Jupyter closed: the browser's socket is being closed with its code
        }
        CompletableFuture<WebSocket> sent;
        if (message instanceof TextMessage text) {
            sent = jupyter.sendText(text.getPayload(), text.isLast());
        } else if (message instanceof BinaryMessage binary) {
            sent = jupyter.sendBinary(binary.getPayload(), binary.isLast());
        } else if (message instanceof PingMessage ping) {
            sent = jupyter.sendPing(ping.getPayload());
        } else {
            return; // a pong answers the gateway's ping, not Jupyter's
        }
        sent.get(SEND_TIME_LIMIT_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("a browser's interactive socket failed: {}", exception.toString());
        closeJupyter(CloseStatus.GOING_AWAY);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) {
        closeJupyter(closeStatus);
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    private void toBrowser(WebSocketMessage<?> message) {
        try {
            browserReady.await(SEND_TIME_LIMIT_MS, TimeUnit.MILLISECONDS);
            WebSocketSession session = browser;
            if (session != null && session.isOpen()) {
                session.sendMessage(message);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("cannot pass a message to the browser: {}", e.toString());
            closeJupyter(CloseStatus.GOING_AWAY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeBrowser(CloseStatus status) {
        WebSocketSession session = browser;
        if (session == null || !session.isOpen()) {
            return;
        }
        try {
            session.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("cannot close the browser's socket: {}", e.toString());
        }
    }

    private void closeJupyter(CloseStatus status) {
        WebSocket socket = jupyter;
        if (socket == null || socket.isOutputClosed()) {
            return;
        }
        socket.sendClose(sendable(status.getCode()), status.getReason() == null ? "" : status.getReason())
                .orTimeout(5, TimeUnit.SECONDS)
                .whenComplete((done, failed) -> {
                    if (failed != null) {
                        socket.abort();
                    }
                });
    }

    /**
     * A close code that may be sent (RFC 6455 §7.4): 1005, 1006 and 1015 only say what happened to a connection and
     * are never sent; what is not a code at all becomes a normal close.
     */
    static int sendable(int code) {
        boolean reserved = code == 1004 || code == 1005 || code == 1006 || code == 1015;
        return code < 1000 || code > 4999 || reserved || (code > 1015 && code < 3000) ? CloseStatus.NORMAL.getCode()
                : code;
    }
}
