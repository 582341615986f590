package org.tributary.gateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "tributary.gateway.response-timeout=2s")
class GatewayForwardingTest {

    static final FakeService command = new FakeService("command");
    static final FakeService query = new FakeService("query");
    static final FakeService executor = new FakeService("executor");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("tributary.gateway.command-url", command::url);
        registry.add("tributary.gateway.query-url", query::url);
        registry.add("tributary.gateway.executor-url", executor::url);
    }

    @AfterAll
    static void stop() {
        command.close();
        query.close();
        executor.close();
    }

    @BeforeEach
    void reset() {
        for (FakeService s : new FakeService[]{command, query, executor}) {
            s.clear();
            s.answerText(200, "{\"service\":\"" + s.name + "\"}");
        }
    }

    HttpResponse<byte[]> call(String method, String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    String servedBy(HttpResponse<byte[]> response) throws IOException {
        return JSON.readTree(response.body()).get("service").asText();
    }

    @Test
    void readsGoToQueryServiceWithPathAndQueryUnchanged() throws Exception {
        HttpResponse<byte[]> response = call("GET", "/api/projects/1/nodes/2/jobs?data_layer_id=3&page=1&q=a%20b%2Fc",
                null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(servedBy(response)).isEqualTo("query");
        FakeService.Received got = query.next();
        assertThat(got.method()).isEqualTo("GET");
        assertThat(got.uri()).isEqualTo("/api/projects/1/nodes/2/jobs?data_layer_id=3&page=1&q=a%20b%2Fc");
        assertThat(command.gotNothing()).isTrue();
    }

    @Test
    void headIsARead() throws Exception {
        HttpResponse<byte[]> response = call("HEAD", "/api/projects/1", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(query.next().method()).isEqualTo("HEAD");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void writesGoToCommandServiceWithTheirBodyAndHeaders() throws Exception {
        for (String method : new String[]{"POST", "PUT", "PATCH", "DELETE"}) {
            byte[] body = ("{\"method\":\"" + method + "\"}").getBytes(StandardCharsets.UTF_8);
            HttpResponse<byte[]> response = call(method, "/api/projects/5?version=3", body,
                    "Content-Type", "application/json", "If-Match", "\"3\"", "Authorization", "Bearer t");

            assertThat(servedBy(response)).as(method).isEqualTo("command");
            FakeService.Received got = command.next();
            assertThat(got.method()).isEqualTo(method);
            assertThat(got.uri()).isEqualTo("/api/projects/5?version=3");
            assertThat(got.body()).isEqualTo(body);
            assertThat(got.header("Content-Type")).isEqualTo("application/json");
            assertThat(got.header("Content-Length")).isEqualTo(Integer.toString(body.length));
            assertThat(got.header("If-Match")).isEqualTo("\"3\"");
            assertThat(got.header("Authorization")).isEqualTo("Bearer t");
            assertThat(got.header("X-Forwarded-Proto")).isEqualTo("http");
            assertThat(got.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        }
        assertThat(query.gotNothing()).isTrue();
    }

    @Test
    void aLineageSearchIsAReadWithABody() throws Exception {
        byte[] body = "{\"master_id\":12}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> response = call("POST", "/api/projects/1/nodes/2/packages/search?page=1", body,
                "Content-Type", "application/json");

        assertThat(servedBy(response)).isEqualTo("query");
        assertThat(query.next().body()).isEqualTo(body);
        assertThat(call("POST", "/api/projects/1/nodes/2/packages", body, "Content-Type", "application/json")
                .statusCode()).isEqualTo(200);
        assertThat(command.next().uri()).isEqualTo("/api/projects/1/nodes/2/packages");
    }

    @Test
    void theExecutorApiGoesToTheExecutorWhateverTheMethod() throws Exception {
        assertThat(servedBy(call("GET", "/api/executor_api/jobs/7", null))).isEqualTo("executor");
        assertThat(servedBy(call("POST", "/api/executor_api/auth/refresh", new byte[0],
                "Authorization", "Bearer r"))).isEqualTo("executor");
        assertThat(executor.next().uri()).isEqualTo("/api/executor_api/jobs/7");
        assertThat(executor.next().header("Authorization")).isEqualTo("Bearer r");
    }

    @Test
    void aServicesStatusHeadersAndProblemBodyPassUnchanged() throws Exception {
        String problem = "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,\"field\":\"version\"}";
        command.answer(exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.getResponseHeaders().add("ETag", "\"7\"");
            exchange.getResponseHeaders().add("X-Many", "one");
            exchange.getResponseHeaders().add("X-Many", "two");
            FakeService.write(exchange, 409, problem.getBytes(StandardCharsets.UTF_8));
        });

        HttpResponse<byte[]> response = call("PATCH", "/api/projects/1", "{}".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.headers().firstValue("ETag")).contains("\"7\"");
        assertThat(response.headers().allValues("X-Many")).containsExactly("one", "two");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(problem);
    }

    @Test
    void largeBodiesStreamBothWays() throws Exception {
        byte[] upload = new byte[12 * 1024 * 1024];
        new Random(1).nextBytes(upload);
        byte[] download = new byte[20 * 1024 * 1024];
        new Random(2).nextBytes(download);
        command.answer(exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, 0); // chunked: the gateway cannot know the length either
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(download);
            }
        });

        // no Content-Length: the client streams its body chunked
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/projects/1/nodes/2/files/data.bin"))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(upload))).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sha256(response.body())).isEqualTo(sha256(download));
        assertThat(sha256(command.next().body())).isEqualTo(sha256(upload));
    }

    @Test
    void hopByHopHeadersStopAtTheGateway() throws Exception {
        String raw = RawHttp.send(port, "GET /api/projects HTTP/1.1\r\nHost: example.org:8080\r\n"
                + "Connection: close, X-Private\r\nX-Private: secret\r\nKeep-Alive: timeout=5\r\n"
                + "TE: trailers\r\nProxy-Authorization: Basic eA==\r\nX-Request-Id: r-1\r\n\r\n");

        assertThat(raw).startsWith("HTTP/1.1 200");
        FakeService.Received got = query.next();
        assertThat(got.header("X-Request-Id")).isEqualTo("r-1");
        assertThat(got.header("X-Forwarded-Host")).isEqualTo("example.org:8080");
        assertThat(got.headers()).doesNotContainKeys("x-private", "keep-alive", "te", "proxy-authorization");
        assertThat(got.header("Host")).isEqualTo(query.url().substring("http://".length()));
    }

    @Test
    void aClientsOwnForwardingHeadersAreReplacedByWhatTheGatewaySees() throws Exception {
        String raw = RawHttp.send(port, "GET /api/projects HTTP/1.1\r\nHost: example.org:8080\r\nConnection: close\r\n"
                + "X-Forwarded-For: 203.0.113.9\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: elsewhere.example\r\n"
                + "X-Forwarded-Port: 443\r\nForwarded: for=203.0.113.9;proto=https;host=elsewhere.example\r\n\r\n");

        assertThat(raw).startsWith("HTTP/1.1 200");
        FakeService.Received got = query.next();
        assertThat(got.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(got.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(got.header("X-Forwarded-Host")).isEqualTo("example.org:8080");
        // the port the client addressed, as its Host says
        assertThat(got.header("X-Forwarded-Port")).isEqualTo("8080");
        assertThat(got.headers()).doesNotContainKey("forwarded");
    }

    @Test
    void hopByHopHeadersOfTheServiceStopAtTheGatewayToo() throws Exception {
        query.answer(exchange -> {
            exchange.getResponseHeaders().add("Connection", "X-Internal");
            exchange.getResponseHeaders().add("X-Internal", "1");
            exchange.getResponseHeaders().add("Proxy-Authenticate", "Basic");
            exchange.getResponseHeaders().add("X-Public", "2");
            FakeService.write(exchange, 200, "[]".getBytes(StandardCharsets.UTF_8));
        });

        HttpResponse<byte[]> response = call("GET", "/api/projects", null);

        assertThat(response.headers().firstValue("X-Public")).contains("2");
        assertThat(response.headers().map()).doesNotContainKeys("x-internal", "proxy-authenticate");
    }

    @Test
    void aServiceThatIsDownIsA502Problem() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        // a second gateway pointing at the closed port: the first one's targets are up
        try (var gateway = org.tributary.gateway.GatewayApplication.builder()
                .run("--server.port=0", "--tributary.gateway.executor-url=http://127.0.0.1:" + closed)) {
            int gatewayPort = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gatewayPort + "/api/executor_api/jobs/1")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("status").asInt()).isEqualTo(502);
            assertThat(problem.get("service").asText()).isEqualTo("executor");
            assertThat(problem.get("detail").asText()).isEqualTo("executor is not reachable");
            // where the gateway looked is the platform's inside: the operator's log has it, the caller does not
            assertThat(response.body()).doesNotContain("127.0.0.1").doesNotContain(Integer.toString(closed));
        }
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeIsA504Problem() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        query.answer(exchange -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            FakeService.write(exchange, 200, "{}".getBytes(StandardCharsets.UTF_8));
        });
        try {
            HttpResponse<byte[]> response = call("GET", "/api/projects", null);

            assertThat(response.statusCode()).isEqualTo(504);
            assertThat(JSON.readTree(response.body()).get("service").asText()).isEqualTo("query-service");
        } finally {
            release.countDown();
        }
    }

    @Test
    void pathsOutsideTheApiAreNotForwarded() throws Exception {
        HttpResponse<byte[]> response = call("GET", "/nothing-here.txt", null);
        call("GET", "/nothing-here", null);   // a route of the web app's, if anything

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(query.gotNothing()).isTrue();
        assertThat(command.gotNothing()).isTrue();
    }

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<byte[]> response = call("GET", "/actuator/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("status").asText()).isEqualTo("UP");
    }

    static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
