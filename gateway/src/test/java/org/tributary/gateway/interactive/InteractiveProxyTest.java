package org.tributary.gateway.interactive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.socket.CloseStatus;
import org.tributary.fakejupyter.FakeJupyter;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code /interactive/<job id>/} through the gateway to the job's Jupyter (a stand-in), over HTTP and WebSocket;
 * query-service's stand-in says where job 7's Jupyter listens, that job 8 runs none, and that job 9's is gone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InteractiveProxyTest {

    static final ConfigurableApplicationContext jupyter = FakeJupyter.start();
    static final HttpServer query = query();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("tributary.gateway.query-url", () -> "http://127.0.0.1:" + query.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        query.stop(0);
        jupyter.close();
    }

    static HttpServer query() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/internal/jobs/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                String body = path.equals("/internal/jobs/7/interactive")
                        ? "{\"url\":\"" + FakeJupyter.url(jupyter) + "\"}"
                        : path.equals("/internal/jobs/9/interactive") ? "{\"url\":\"http://127.0.0.1:1\"}" : null;
                byte[] bytes = (body == null ? "{\"status\":404}" : body).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void httpReachesTheJobsJupyterWithoutThePlatformsCredentials() throws Exception {
        HttpResponse<String> response = get("/interactive/7/api/status", "Authorization", "Bearer platform-token");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode status = JSON.readTree(response.body());
        assertThat(status.path("last_activity").asText()).isEqualTo("2026-12-02T10:00:00Z");
        assertThat(status.path("headers").toString()).doesNotContain("authorization");
    }

    @Test
    void theJobsRootWithoutItsSlashIsRedirected() throws Exception {
        HttpResponse<String> response = get("/interactive/7?x=1");

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location")).contains("/interactive/7/?x=1");
    }

    @Test
    void aJobThatRunsNoJupyterIsA404Problem() throws Exception {
        HttpResponse<String> response = get("/interactive/8/lab");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).path("field").asText()).isEqualTo("job_id");
    }

    @Test
    void aPathWithoutAJobIdIsA404Problem() throws Exception {
        assertThat(get("/interactive/abc/").statusCode()).isEqualTo(404);
        assertThat(get("/interactive/").statusCode()).isEqualTo(404);
    }

    @Test
    void aRequestFromAnotherSitesPageIsA403Problem() throws Exception {
        HttpResponse<String> response = get("/interactive/7/api/status", "Origin", "http://evil.example");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.body()).path("field").asText()).isEqualTo("Origin");
    }

    @Test
    void aJupyterThatIsGoneIsA502Problem() throws Exception {
        HttpResponse<String> response = get("/interactive/9/lab");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(JSON.readTree(response.body()).path("detail").asText()).contains("job 9's Jupyter");
        // where the job's Jupyter listens is the platform's inside
        assertThat(response.body()).doesNotContain("127.0.0.1").doesNotContain("http://");
    }

    @Test
    void aKernelSocketPassesMessagesBothWaysWithJupytersSubprotocol() throws Exception {
        Received received = new Received();
        WebSocket socket = socket(7, received);

        assertThat(socket.getSubprotocol()).isEqualTo(FakeJupyter.SUBPROTOCOL);
        socket.sendText("hello", true).join();
        assertThat(received.text()).isEqualTo("echo: hello");

        String large = "x".repeat(1_000_000);
        socket.sendText(large, true).join();
        assertThat(received.text()).isEqualTo("echo: " + large);

        socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
        assertThat(received.binary()).containsExactly(1, 2, 3);

        FakeJupyter.CLOSED.clear();
        socket.sendClose(4001, "done").join();
        CloseStatus closed = FakeJupyter.CLOSED.poll(10, TimeUnit.SECONDS);
        assertThat(closed).isNotNull();
        assertThat(closed.getCode()).isEqualTo(4001);
    }

    @Test
    void aSocketToAJupyterThatIsGoneIsRefusedWithA502() {
        assertThatThrownBy(() -> socket(9, new Received()))
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(502));
    }

    @Test
    void aSocketFromAnotherSitesPageIsRefused() {
        assertThatThrownBy(() -> HTTP.newWebSocketBuilder().header("Origin", "http://evil.example")
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/interactive/7/api/kernels/k1/channels"),
                        new Received()).join())
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));
    }

    @Test
    void aHandshakeWithoutItsKeyIsA400ProblemAndJupyterIsNotAsked() throws Exception {
        String answer = raw("GET /interactive/7/api/kernels/k1/channels HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Connection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).contains("application/problem+json").contains("\"field\":\"Sec-WebSocket-Key\"");
    }

    @Test
    void aHandshakeOfAnotherVersionIsA426ProblemNamingIt() throws Exception {
        String answer = raw("GET /interactive/7/api/kernels/k1/channels HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 8\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 426");
        assertThat(answer).contains("Sec-WebSocket-Version: 13").contains("application/problem+json")
                .contains("\"field\":\"Sec-WebSocket-Version\"");
    }

    /** What the gateway answers to a request written byte for byte (the JDK client will not send these). */
    String raw(String request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            java.io.InputStream in = socket.getInputStream();
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    answer.write(buffer, 0, n);
                    String text = answer.toString(StandardCharsets.ISO_8859_1);
                    if (text.contains("\r\n\r\n") && text.contains("}")) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException e) {
                // what came is the answer
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    WebSocket socket(long job, Received received) {
        return HTTP.newWebSocketBuilder().subprotocols(FakeJupyter.SUBPROTOCOL)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/interactive/" + job + "/api/kernels/k1/channels"),
                        received).join();
    }

    /** What came back over a socket, whole messages only. */
    static final class Received implements WebSocket.Listener {
        private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                messages.add(binary.toByteArray());
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        String text() throws InterruptedException {
            Object message = messages.poll(10, TimeUnit.SECONDS);
            assertThat(message).isInstanceOf(String.class);
            return (String) message;
        }

        byte[] binary() throws InterruptedException {
            Object message = messages.poll(10, TimeUnit.SECONDS);
            assertThat(message).isInstanceOf(byte[].class);
            return (byte[]) message;
        }
    }
}
