package org.tributary.gateway.interactive;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.standard.TomcatRequestUpgradeStrategy;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.tributary.gateway.GatewayProperties;
import org.tributary.gateway.proxy.Forwarder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A WebSocket from the browser to an interactive job's Jupyter, through the gateway: the connection to Jupyter is
 * made first, with the subprotocols the browser asked for, so that a Jupyter that is not there is a 502 problem
 * rather than a socket that opens and drops; then the browser's handshake is answered with the subprotocol Jupyter
 * chose, and a {@link SocketBridge} passes every message, whole or in parts, both ways until either side closes.
 */
@Component
class SocketProxy {

    private final HttpClient client;
    private final GatewayProperties properties;
    private final TomcatRequestUpgradeStrategy upgrade = new TomcatRequestUpgradeStrategy();

    SocketProxy(GatewayProperties properties) {
        this.properties = properties;
        this.client = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
    }

    void open(URI target, String name, HttpServletRequest request, HttpServletResponse response) throws IOException {
        BadHandshake.check(request);
        URI uri = socketUri(target, request);
        SocketBridge bridge = new SocketBridge();
        WebSocket upstream = connect(uri, name, request, bridge);
        DefaultHandshakeHandler handshake = new DefaultHandshakeHandler(upgrade) {
            @Override
            protected String selectProtocol(List<String> requested, WebSocketHandler handler) {
                String chosen = upstream.getSubprotocol();
                return chosen == null || chosen.isEmpty() ? null : chosen;
            }
        };
        ServletServerHttpResponse answer = new ServletServerHttpResponse(response);
        try {
            if (!handshake.doHandshake(new ServletServerHttpRequest(request), answer, bridge, new HashMap<>())) {
                upstream.abort();
            }
        } catch (HandshakeFailureException e) {
            upstream.abort();
            throw new IllegalStateException("the WebSocket handshake failed: " + e.getMessage(), e);
        } finally {
            answer.close();
        }
    }

    private WebSocket connect(URI uri, String name, HttpServletRequest request, SocketBridge bridge) {
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(properties.connectTimeout());
        List<String> protocols = protocols(request);
        if (!protocols.isEmpty()) {
            builder.subprotocols(protocols.get(0), protocols.subList(1, protocols.size()).toArray(String[]::new));
        }
        // Jupyter's XSRF cookie and its own session; never the platform's Authorization
        for (String cookie : Collections.list(request.getHeaders("Cookie"))) {
            builder.header("Cookie", cookie);
        }
        try {
            return builder.buildAsync(uri, bridge).get(properties.connectTimeout().toMillis() + 1000,
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new Forwarder.TargetUnavailable(name, uri, false,
                    e.getCause() instanceof Exception cause ? cause : e);
        } catch (TimeoutException e) {
            throw new Forwarder.TargetUnavailable(name, uri, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Forwarder.TargetUnavailable(name, uri, false, e);
        }
    }

    private static List<String> protocols(HttpServletRequest request) {
        List<String> protocols = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders("Sec-WebSocket-Protocol"))) {
            for (String protocol : header.split(",")) {
                if (!protocol.isBlank()) {
                    protocols.add(protocol.trim());
                }
            }
        }
        return protocols;
    }

    private static URI socketUri(URI target, HttpServletRequest request) {
        String scheme = "https".equals(target.getScheme()) ? "wss" : "ws";
        String query = request.getQueryString();
        try {
            return URI.create(scheme + "://" + target.getRawAuthority() + request.getRequestURI()
                    + (query == null ? "" : "?" + query));
        } catch (IllegalArgumentException e) {
            throw new Forwarder.BadTarget(request.getRequestURI(), e);
        }
    }
}
