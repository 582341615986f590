package org.tributary.gateway.proxy;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A request written byte for byte, for headers no HTTP client would send as they are; answers the whole response. */
final class RawHttp {

    private RawHttp() {
    }

    static String send(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
