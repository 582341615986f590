package org.tributary.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tributary.testsupport.TestDatabase;
import org.tributary.testsupport.TestS3;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The write side as a client sees it: real PostgreSQL and an S3 server, HTTP on a random port. One context for all. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=command-service",
        // a snapshot every 20 events, so that tests load projects from snapshots too
        "tributary.snapshots.project-every=20",
        "tributary.security.admin.password=" + CommandServiceTestBase.ADMIN_PASSWORD,
        "tributary.security.oidc.issuer=" + CommandServiceTestBase.PROVIDER, "tributary.security.oidc.audience=tributary"})
abstract class CommandServiceTestBase {

    static final TestDatabase DB = TestDatabase.create("command");
    // one S3 server for every test class sharing the cached context; it ends with the JVM
    static final TestS3 S3 = TestS3.start();
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String ADMIN_PASSWORD = "admin-password-for-tests";
    /** An OpenID Connect provider, as its keys: {@link org.tributary.testsupport.TestTokens} signs its ID tokens. */
    static final String PROVIDER = "https://idp.example.org";
    /** Executor credentials by executor id, as {@link #executor} got them; calls under its path send its own. */
    static final Map<Long, String> EXECUTOR_CREDENTIALS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.regex.Pattern EXECUTOR_PATH = java.util.regex.Pattern.compile(
            "/api/executors/(\\d+)/.*");
    private static volatile String adminToken;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::jdbcUrl);
        registry.add("spring.datasource.username", DB::username);
        registry.add("spring.datasource.password", DB::password);
        registry.add("tributary.s3.endpoint", S3::endpoint);
        registry.add("tributary.s3.access-key", () -> TestS3.ACCESS_KEY);
        registry.add("tributary.s3.secret-key", () -> TestS3.SECRET_KEY);
        registry.add("tributary.security.oidc.jwk-set-uri",
                () -> org.tributary.testsupport.TestTokens.shared().jwkSetUri());
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    record Answer(int status, JsonNode body) {
        long id() {
            return body.get("id").asLong();
        }

        long version() {
            return body.get("version").asLong();
        }
    }

    /** As the admin, or under an executor's path as that executor (when this test registered it). */
    Answer call(String method, String path, Object body) {
        return call(method, path, body, credentialFor(path));
    }

    /** With {@code credential} as the bearer token, or none when it is null. */
    Answer call(String method, String path, Object body, String credential) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Content-Type", "application/json");
            if (credential != null) {
                request.header("Authorization", "Bearer " + credential);
            }
            request
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(),
                    response.body().isEmpty() ? null : JSON.readTree(response.body()));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A body sent as it is, for what a JSON writer would not write. */
    Answer raw(String method, String path, String body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + credentialFor(path))
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(),
                    response.body().isEmpty() ? null : JSON.readTree(response.body()));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    long executor(String label) {
        Answer registered = call("POST", "/api/executors", Map.of("label", label,
                "capabilities", Map.of("gpus", Map.of("nvidia", 2), "max_running_jobs", 4)));
        assertThat(registered.status()).isEqualTo(201);
        EXECUTOR_CREDENTIALS.put(registered.id(), registered.body().get("credential").asText());
        return registered.id();
    }

    String credentialFor(String path) {
        java.util.regex.Matcher executor = EXECUTOR_PATH.matcher(path);
        if (executor.matches() && EXECUTOR_CREDENTIALS.containsKey(Long.parseLong(executor.group(1)))) {
            return EXECUTOR_CREDENTIALS.get(Long.parseLong(executor.group(1)));
        }
        return adminToken();
    }

    String adminToken() {
        if (adminToken == null) {
            adminToken = login("admin", ADMIN_PASSWORD);
        }
        return adminToken;
    }

    /** Logs in; answers the access token. */
    String login(String login, String password) {
        Answer answer = call("POST", "/api/auth/login", Map.of("login", login, "password", password), null);
        assertThat(answer.status()).as("login of %s: %s", login, answer.body()).isEqualTo(200);
        return answer.body().get("access_token").asText();
    }

    /**
     * The events in the store, once routing has handled every one of them: what routing still had to do for an
     * earlier test would otherwise be appended while this one counts (the test classes share one store).
     */
    long eventCount() {
        await().atMost(java.time.Duration.ofSeconds(30)).until(this::routingCaughtUp);
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }

    /** The events whose payload holds {@code text}. */
    long eventsMentioning(String text) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry"
                + " WHERE position(convert_to(?, 'UTF8') IN payload) > 0", Long.class, text);
    }

    private boolean routingCaughtUp() throws java.io.IOException {
        long head = jdbc.queryForObject("SELECT COALESCE(max(globalindex), 0) FROM domainevententry", Long.class);
        List<String> tokens = jdbc.queryForList("SELECT convert_from(token, 'UTF8') FROM tokenentry"
                + " WHERE processorname = 'routing'", String.class);
        if (tokens.isEmpty()) {
            return head == 0;
        }
        for (String token : tokens) {
            if (token == null || JSON.readTree(token).path("index").asLong(-1) < head) {
                return false;
            }
        }
        return true;
    }

    List<String> eventTypes(long aggregateId) {
        return jdbc.queryForList("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? "
                + "ORDER BY sequencenumber", String.class, Long.toString(aggregateId)).stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    /** A job of executor {@code executor}'s, made by a package at the node A of a new project named {@code name}. */
    long jobAtANewNode(long executor, String name) {
        Answer project = call("POST", "/api/projects", Map.of("name", name, "executor_id", executor));
        long layer = project.body().get("main_data_layer_id").asLong();
        Answer node = call("POST", "/api/projects/" + project.id() + "/nodes", Map.of("label", "A",
                "container", Map.of("image", "debian:12", "script", "true"), "version", project.version()));
        call("POST", "/api/projects/" + project.id() + "/nodes/" + node.id() + "/packages?data_layer_id=" + layer,
                Map.of("label", "go"));
        return await().atMost(Duration.ofSeconds(20)).until(() -> jobAt(node.id()), id -> id != null);
    }

    Long jobAt(long nodeId) {
        List<String> ids = jdbc.queryForList("SELECT aggregateidentifier FROM domainevententry WHERE payloadtype "
                + "LIKE '%.JobCreated' AND convert_from(payload, 'UTF8') LIKE ?", String.class,
                "%\"nodeId\":" + nodeId + ",%");
        return ids.isEmpty() ? null : Long.parseLong(ids.get(0));
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
