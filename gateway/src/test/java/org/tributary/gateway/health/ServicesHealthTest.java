package org.tributary.gateway.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.tributary.gateway.GatewayApplication;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ServicesHealthTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theGatewayIsDownWhileAServiceItChecksIsDown() throws Exception {
        HttpServer up = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        up.createContext("/actuator/health", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        up.start();
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (ConfigurableApplicationContext gateway = GatewayApplication.builder().run("--server.port=0",
                "--tributary.gateway.health-checks.query=http://127.0.0.1:" + up.getAddress().getPort(),
                "--tributary.gateway.health-checks.executor=http://127.0.0.1:" + closed)) {
            String port = gateway.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(503);
            JsonNode health = JSON.readTree(response.body());
            assertThat(health.get("status").asText()).isEqualTo("DOWN");
            JsonNode services = health.get("components").get("services").get("components");
            assertThat(services.get("query").get("status").asText()).isEqualTo("UP");
            assertThat(services.get("executor").get("status").asText()).isEqualTo("DOWN");
        } finally {
            up.stop(0);
        }
    }
}
