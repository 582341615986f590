package org.tributary.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.standalone.demo.DemoProject;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A script written for the original platform, through the gateway of the standalone platform, as its job library's
 * {@code ServerProxy} and the "project as a service" clients call it (docs/contract/user-api.md): JSON bodies
 * without a Content-Type, a placeholder token sent along to the login, the token login and refresh, then a project's
 * API key for the rest (as ServerProxy sends one), the API's status, the project's users, the newest data layer, an upload at the input node with the layer in its body, a
 * search by master package at the output node until the result appears, its files, and the package archive.
 */
class OriginalClientFlowTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;
    static StandalonePlatform platform;
    static DemoProject.Seeded demo;
    static String api;

    @BeforeAll
    static void start() throws Exception {
        TributaryStandalone.prepareJvm();
        platform = new StandalonePlatform(new StandaloneSettings(dataDir, true, 0, "127.0.0.1", false, Map.of(),
                List.of(), null)).start();
        demo = platform.demo().orElseThrow();
        api = platform.url() + "api";
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    record Answer(int status, String contentType, byte[] body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    /** As Python's requests sends {@code data=json.dumps(body)}: no Content-Type. */
    static Answer send(String method, String path, Object body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    static JsonNode ok(String method, String path, Object body, String token) throws Exception {
        Answer answer = send(method, path, body, token);
        assertThat(answer.status()).as("%s %s: %s", method, path, new String(answer.body(), StandardCharsets.UTF_8))
                .isBetween(200, 299);
        return answer.json();
    }

    @Test
    void aScriptOfTheOriginalPlatformRunsItsProjectAsAServiceThroughTheGateway() throws Exception {
        assertThat(ok("GET", "/status", null, "placeholder").get("status").asText()).isEqualTo("ok");

        JsonNode tokens = ok("POST", "/auth/tokens", Map.of("username", platform.admin().login(),
                "password", platform.admin().password()), "undefined");
        JsonNode renewed = ok("POST", "/auth/tokens/refresh", null, tokens.get("refresh_token").asText());
        String token = renewed.get("access_token").asText();

        long p = demo.project();
        JsonNode projects = ok("GET", "/projects", null, token);
        assertThat(projects.get("items").findValuesAsText("label")).contains(DemoProject.NAME);
        JsonNode users = ok("GET", "/projects/" + p + "/users", null, token);
        assertThat(users.get(0).get("user").get("username").asText()).isEqualTo(platform.admin().login());
        // what ServerProxy sends is a project's API key, as it is, without refresh
        String key = ok("POST", "/projects/" + p + "/api_keys", Map.of("name", "service script", "role", "editor"),
                token).get("key").asText();
        token = key;
        String keyToken = key;
        await().atMost(Duration.ofSeconds(30)).until(() -> send("GET", "/projects/" + p, null, keyToken).status()
                == 200);
        long layer = ok("GET", "/projects/" + p + "/data_layers/last", null, token).get("id").asLong();

        // the upload, with the layer in its body as older clients send it
        Map<String, Object> upload = new HashMap<>(Map.of("label", "run-2", "fields", Map.of("count", 5),
                "data_layer_id", layer));
        long posted = ok("POST", "/projects/" + p + "/nodes/" + demo.generate() + "/packages", upload, token)
                .get("id").asLong();

        // polling the output node for what descends from it: the squares delivered to it, then its own plot
        Map<String, Object> search = Map.of("master_id", posted, "sort_by", "id", "descending", true,
                "field_filter_name", "", "field_filter_op", "", "field_filter_value", "",
                "jobs_filter_op", "", "jobs_filter_count_value", 0);
        String searchPath = "/projects/" + p + "/nodes/" + demo.plot() + "/packages/search?data_layer_id=" + layer
                + "&page=1&page_size=10";
        // at once, as the library does: the master may not be in the read model yet, which finds nothing yet
        JsonNode found = await().atMost(Duration.ofSeconds(120)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> ok("POST", searchPath, search, keyToken), page -> page.get("total").asInt() == 2);
        assertThat(found.get("items").findValuesAsText("label")).containsExactly("plot", "squares");
        JsonNode result = found.get("items").get(0);
        assertThat(result.get("label").asText()).isEqualTo("plot");
        assertThat(result.get("fields").get(0).get("name").asText()).isEqualTo("points");
        assertThat(result.get("fields").get(0).get("value").asInt()).isEqualTo(5);
        long id = result.get("id").asLong();

        JsonNode files = ok("GET", "/projects/" + p + "/nodes/" + demo.plot() + "/packages/" + id + "/files",
                null, token);
        JsonNode plot = files.get(0);
        assertThat(plot.get("name").asText()).isEqualTo("plot.txt");
        assertThat(plot.get("is_binary").asBoolean()).isFalse();
        byte[] content = HTTP.send(HttpRequest.newBuilder(URI.create(plot.get("content").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        assertThat(new String(content, StandardCharsets.UTF_8)).contains("  5 | " + "#".repeat(50) + " 25");

        Answer archive = send("POST", "/projects/" + p + "/nodes/" + demo.plot() + "/packages/download?data_layer_id="
                + layer, Map.of("packages", List.of(id)), token);
        assertThat(archive.status()).isEqualTo(200);
        Map<String, byte[]> entries = untar(archive.body());
        assertThat(entries.keySet()).containsExactlyInAnyOrder(id + "/label", id + "/fields.json",
                id + "/files/plot.txt");
        assertThat(new String(entries.get(id + "/label"), StandardCharsets.UTF_8)).isEqualTo("plot");
        assertThat(JSON.readTree(entries.get(id + "/fields.json")).get("points").asInt()).isEqualTo(5);
        assertThat(entries.get(id + "/files/plot.txt")).isEqualTo(content);
    }

    /** The archive's files by name (ustar, pax names long enough not to occur here). */
    static Map<String, byte[]> untar(byte[] tar) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        ByteArrayInputStream in = new ByteArrayInputStream(tar);
        byte[] header = new byte[512];
        while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
            String name = new String(header, 0, 100, StandardCharsets.UTF_8).replace("\0", "");
            long size = Long.parseLong(new String(header, 124, 11, StandardCharsets.US_ASCII).trim(), 8);
            byte[] content = in.readNBytes((int) size);
            in.skipNBytes((512 - size % 512) % 512);
            if (header[156] == '0' || header[156] == 0) {
                entries.put(name, content);
            }
        }
        return entries;
    }
}
