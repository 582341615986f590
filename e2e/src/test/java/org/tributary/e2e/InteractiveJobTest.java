package org.tributary.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.tributary.gateway.GatewayApplication;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A job restarted interactively runs Jupyter (a stand-in, {@code fake-jupyter/jupyter-lab}, put on the jobs' PATH)
 * instead of its script, on the local backend; the gateway serves it at {@code /interactive/<job id>/}, over HTTP
 * and WebSocket; the executor stops it once it has been idle past its limit, and the job ends as Cancelled saying so.
 */
class InteractiveJobTest {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static Platform platform;
    static ConfigurableApplicationContext gateway;
    static Api command;
    static Api query;
    static String gatewayUrl;
    static long executorId;

    @BeforeAll
    static void start(@TempDir Path workDir, @TempDir Path tools) throws IOException {
        try (InputStream fake = InteractiveJobTest.class.getResourceAsStream("/fake-jupyter/jupyter-lab")) {
            Path jupyter = tools.resolve("jupyter-lab");
            Files.write(jupyter, fake.readAllBytes());
            assertThat(jupyter.toFile().setExecutable(true)).isTrue();
        }
        platform = new Platform();
        platform.startWriteSide();
        command = Api.register(Platform.url(platform.command), "ines");
        query = new Api(Platform.url(platform.query), command.token());
        Platform.Registered executor = platform.registerExecutor(Map.of("label", "e2e-interactive"));
        executorId = executor.id();
        platform.startExecutor(executor, workDir, "--tributary.executor.local.path-prefix=" + tools,
                "--tributary.executor.interactive.idle-limit=PT6S",
                "--tributary.executor.interactive.check-interval=PT1S");
        gateway = GatewayApplication.builder().run("--server.port=0",
                "--tributary.gateway.command-url=" + Platform.url(platform.command),
                "--tributary.gateway.query-url=" + Platform.url(platform.query),
                "--tributary.gateway.executor-url=" + Platform.url(platform.executor));
        gatewayUrl = Platform.url(gateway);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aJobRestartedInteractivelyIsServedByTheGatewayAndStoppedWhenIdle() throws Exception {
        JsonNode project = command.ok("POST", "/api/projects", Map.of("name", "notebooks", "executor_id", executorId));
        long p = project.get("id").asLong();
        long layer = project.get("main_data_layer_id").asLong();
        JsonNode node = command.ok("POST", "/api/projects/" + p + "/nodes", Map.of("label", "explore",
                "kind", "compute", "container", Map.of("image", "jupyter/base-notebook", "script", "echo batch"),
                "version", project.get("version").asLong()));
        long n = node.get("id").asLong();
        command.ok("POST", "/api/projects/" + p + "/nodes/" + n + "/packages?data_layer_id=" + layer,
                Map.of("label", "data", "fields", Map.of("x", 1)));
        long batch = await().atMost(PATIENCE).until(() -> firstJob(p, n, layer), id -> id != null);
        await().atMost(PATIENCE).until(() -> status(p, batch), "Processed"::equals);

        long job = command.ok("POST", "/api/projects/" + p + "/jobs/" + batch + "/restart",
                Map.of("interactive", true)).get("id").asLong();

        JsonNode running = await().atMost(PATIENCE).until(() -> query.ok("GET", "/api/projects/" + p + "/jobs/" + job,
                null), view -> view.path("interactive_path").isTextual());
        assertThat(running.get("interactive").asBoolean()).isTrue();
        String path = running.get("interactive_path").asText();
        assertThat(path).isEqualTo("/interactive/" + job + "/");

        // Jupyter's page through the gateway (Jupyter may take a moment to listen)
        HttpResponse<String> page = await().atMost(PATIENCE).until(() -> get(path + "lab"),
                response -> response.statusCode() == 200);
        assertThat(page.body()).contains("JupyterLab");
        // only the project's editors work in its notebook: to others it is not there
        assertThat(get(path + "lab", null).statusCode()).isEqualTo(401);
        String stranger = Api.register(Platform.url(platform.command), "stranger").token();
        assertThat(get(path + "lab", stranger).statusCode()).isEqualTo(404);

        // a kernel's socket through the gateway
        BlockingQueue<String> echoes = new LinkedBlockingQueue<>();
        WebSocket socket = HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + command.token())
                .buildAsync(URI.create(gatewayUrl.replace("http", "ws") + path
                + "api/kernels/k1/channels"), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                echoes.add(data.toString());
                webSocket.request(1);
                return null;
            }
        }).join();
        socket.sendText("{\"msg_type\":\"execute_request\"}", true).join();
        assertThat(echoes.poll(10, TimeUnit.SECONDS)).isEqualTo("echo: {\"msg_type\":\"execute_request\"}");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();

        // nobody works in it: the executor stops it, and it is gone from the gateway
        JsonNode cancelled = await().atMost(PATIENCE).until(() -> query.ok("GET", "/api/projects/" + p + "/jobs/"
                + job, null), view -> "Cancelled".equals(view.path("status").asText()));
        assertThat(cancelled.get("message").asText()).contains("without activity in Jupyter");
        assertThat(cancelled.get("interactive_path").isNull()).isTrue();
        await().atMost(PATIENCE).until(() -> get(path + "lab").statusCode(), status -> status == 404);
    }

    static Long firstJob(long project, long node, long layer) {
        JsonNode items = query.ok("GET", "/api/projects/" + project + "/nodes/" + node + "/jobs?data_layer_id="
                + layer, null).path("items");
        return items.isEmpty() ? null : items.get(items.size() - 1).get("id").asLong();
    }

    static String status(long project, long job) {
        return query.ok("GET", "/api/projects/" + project + "/jobs/" + job, null).path("status").asText();
    }

    /** As the project's owner, who may work in its notebooks. */
    static HttpResponse<String> get(String path) throws Exception {
        return get(path, command.token());
    }

    static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
