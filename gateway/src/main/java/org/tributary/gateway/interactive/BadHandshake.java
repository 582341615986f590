package org.tributary.gateway.interactive;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Base64;
import java.util.Collections;
import java.util.Locale;

/**
 * A WebSocket handshake the gateway refuses before it asks the job's Jupyter anything (RFC 6455 §4.2.1): not a GET,
 * no {@code Connection: upgrade}, no 16-byte {@code Sec-WebSocket-Key}, or another version than 13 (426, with the
 * version the gateway speaks). Spring's handshake handler would answer these with an empty or plain-text body.
 */
public final class BadHandshake extends RuntimeException {

    private final int status;
    private final String field;

    private BadHandshake(int status, String field, String detail) {
        super(detail);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    /** Throws unless the request is a well-formed version 13 handshake. */
    static void check(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            throw new BadHandshake(400, "method", "a WebSocket handshake is a GET, not a " + request.getMethod());
        }
        boolean upgrade = Collections.list(request.getHeaders("Connection")).stream()
                .flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .anyMatch(token -> token.trim().toLowerCase(Locale.ROOT).equals("upgrade"));
        if (!upgrade) {
            throw new BadHandshake(400, "Connection", "a WebSocket handshake needs Connection: Upgrade");
        }
        if (!"13".equals(request.getHeader("Sec-WebSocket-Version"))) {
            throw new BadHandshake(426, "Sec-WebSocket-Version", "only WebSocket version 13 is spoken here");
        }
        String key = request.getHeader("Sec-WebSocket-Key");
        if (!sixteenBytes(key)) {
            throw new BadHandshake(400, "Sec-WebSocket-Key", "a WebSocket handshake needs a Sec-WebSocket-Key of"
                    + " 16 bytes in base64");
        }
    }

    private static boolean sixteenBytes(String key) {
        if (key == null) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key.trim()).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
