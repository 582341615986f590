package org.tributary.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.standalone.demo.DemoProject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The standalone platform as a user starts it: in this JVM, on free ports, with the demo and a fresh data folder,
 * on embedded PostgreSQL, broker and S3.
 * The demo's three jobs run to the end; a second start on the same folder finds everything and seeds nothing.
 */
class StandaloneTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void prepare() {
        TributaryStandalone.prepareJvm();
    }

    /** No TRIBUTARY_* variables: every part is the embedded one, as on a machine with nothing installed. */
    static StandaloneSettings settings() {
        return new StandaloneSettings(dataDir, true, 0, "127.0.0.1", false, Map.of(), List.of(),
                null);
    }

    @Test
    void theDemoRunsToItsLastJobAndARestartKeepsItWithoutSeedingAgain() throws Exception {
        DemoProject.Seeded demo;
        long executorId;
        try (StandalonePlatform platform = new StandalonePlatform(settings()).start()) {
            String line = TributaryStandalone.line(platform, 1234);
            assertThat(line).startsWith("Tributary is running at " + platform.url() + " — API docs "
                    + platform.docsUrl()).contains(dataDir.toAbsolutePath().toString());
            assertThat(platform.demo()).isPresent();
            demo = platform.demo().get();
            executorId = platform.services().executorId();
            assertThat(platform.adminPasswordMade()).as("a first start makes the admin's password").isTrue();
            Api api = Api.signedIn(platform);
            assertThat(api.get("/api/projects/" + demo.project() + "/members").findValuesAsText("role"))
                    .as("the demo is the admin's").containsExactly("owner");
            assertThat(new Api(platform.url(), null).status("/api/projects")).isEqualTo(401);

            JsonNode plotJob = await().atMost(PATIENCE).until(() -> onlyJob(api, demo, demo.plot()),
                    job -> job != null && "Processed".equals(job.get("status").asText()));
            assertThat(history(plotJob)).endsWith("Produced", "Processed");
            assertThat(onlyJob(api, demo, demo.generate()).get("status").asText()).isEqualTo("Processed");
            assertThat(onlyJob(api, demo, demo.square()).get("status").asText()).isEqualTo("Processed");

            // the filter let only "numbers-…" through to square, and the mapping renamed its field and file
            JsonNode atSquare = packages(api, demo, demo.square());
            JsonNode delivered = only(atSquare, "delivered");
            assertThat(delivered.get("label").asText()).isEqualTo("numbers-run-1");
            assertThat(fields(delivered)).isEqualTo(Map.of("n", 12));
            assertThat(delivered.get("files").get(0).get("name").asText()).isEqualTo("values.txt");
            assertThat(only(atSquare, "produced").get("label").asText()).isEqualTo("squares");
            assertThat(fields(only(atSquare, "produced"))).isEqualTo(Map.of("n", 12, "sum", 650));

            JsonNode chart = only(packages(api, demo, demo.plot()), "produced");
            JsonNode files = api.get("/api/projects/" + demo.project() + "/nodes/" + demo.plot() + "/packages/"
                    + chart.get("id").asLong() + "/files");
            String plot = download(files.get(0).get("content").asText());
            assertThat(plot).contains(" 12 | " + "#".repeat(50) + " 144").contains("  1 | ");

            // the project names the executor the platform started, registered under its label
            assertThat(api.get("/api/projects/" + demo.project()).get("executor_id").asLong()).isEqualTo(executorId);
            assertThat(api.get("/api/executors/" + executorId).get("label").asText()).isEqualTo("standalone");

            JsonNode health = api.get("/actuator/health");
            assertThat(health.get("status").asText()).isEqualTo("UP");
            assertThat(health.get("components").get("services").get("components").properties())
                    .extracting(e -> e.getKey() + "=" + e.getValue().get("status").asText())
                    .containsExactlyInAnyOrder("command-service=UP", "query-service=UP", "projection-proxy=UP",
                            "executor=UP");

            JsonNode commandDocs = api.get("/api/docs/command");
            assertThat(commandDocs.get("paths").has("/api/projects/{projectId}/nodes")).isTrue();
            assertThat(commandDocs.get("servers").get(0).get("url").asText()).isEqualTo(platform.url()
                    .replaceAll("/$", ""));
            assertThat(api.get("/api/docs/query").get("paths").has("/api/projects/{projectId}/jobs/{jobId}"))
                    .isTrue();
            assertThat(api.status("/api/docs")).isEqualTo(302);
            ApiDocuments.checkOrWrite("command", commandDocs);
            ApiDocuments.checkOrWrite("query", api.get("/api/docs/query"));
        }
        assertThat(leftovers()).as("no process outlives the platform").isEmpty();

        try (StandalonePlatform again = new StandalonePlatform(settings()).start()) {
            Api api = Api.signedIn(again);
            assertThat(again.adminPasswordMade()).as("the admin's password is kept, and shown once").isFalse();
            assertThat(again.demo()).as("the demo is not seeded twice").isEmpty();
            assertThat(again.services().executorId()).isEqualTo(executorId);
            JsonNode projects = api.get("/api/projects?page_size=1000").get("items");
            assertThat(StreamSupport.stream(projects.spliterator(), false)
                    .filter(p -> DemoProject.NAME.equals(p.get("name").asText())).count()).isEqualTo(1);
            assertThat(onlyJob(api, demo, demo.plot()).get("status").asText()).isEqualTo("Processed");
            assertThat(packages(api, demo, demo.generate()).get("total").asInt()).isEqualTo(3);
        }
        assertThat(leftovers()).as("no process outlives the platform").isEmpty();
    }

    /** This JVM's child processes (job runners), and any process working in the data folder (PostgreSQL). */
    static List<String> leftovers() {
        return java.util.stream.Stream.concat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")),
                        processesOn(dataDir).stream())
                .distinct().toList();
    }

    /** Processes other than this JVM whose command line names the folder (PostgreSQL, a standalone JVM). */
    static List<String> processesOn(Path folder) {
        String name = folder.toAbsolutePath().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid() && p.isAlive()
                        && p.info().commandLine().map(c -> c.contains(name)).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                .toList();
    }

    static JsonNode onlyJob(Api api, DemoProject.Seeded demo, long node) throws IOException, InterruptedException {
        JsonNode jobs = api.get("/api/projects/" + demo.project() + "/nodes/" + node + "/jobs?data_layer_id="
                + demo.layer());
        // the page's total and its items are two reads: a job that arrives between them is in one only
        if (jobs.get("total").asInt() != 1 || jobs.get("items").size() != 1) {
            return null;
        }
        return api.get("/api/projects/" + demo.project() + "/jobs/" + jobs.get("items").get(0).get("id").asLong());
    }

    static JsonNode packages(Api api, DemoProject.Seeded demo, long node) throws IOException, InterruptedException {
        return api.get("/api/projects/" + demo.project() + "/nodes/" + node + "/packages?data_layer_id="
                + demo.layer() + "&page_size=50");
    }

    static JsonNode only(JsonNode page, String origin) {
        List<JsonNode> found = new ArrayList<>();
        page.get("items").forEach(p -> {
            if (origin.equals(p.get("origin").asText())) {
                found.add(p);
            }
        });
        assertThat(found).as(origin + " packages in " + page).hasSize(1);
        return found.get(0);
    }

    static Map<String, Object> fields(JsonNode pkg) {
        Map<String, Object> fields = new java.util.TreeMap<>();
        pkg.get("fields").forEach(f -> fields.put(f.get("name").asText(),
                JSON.convertValue(f.get("value"), Object.class)));
        return fields;
    }

    static List<String> history(JsonNode job) {
        return StreamSupport.stream(job.get("history").spliterator(), false).map(h -> h.get("status").asText())
                .toList();
    }

    static String download(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    record Api(String base, String token) {

        /** As the platform's first admin, who owns the demo. */
        static Api signedIn(StandalonePlatform platform) throws IOException, InterruptedException {
            String body = JSON.writeValueAsString(Map.of("login", platform.admin().login(),
                    "password", platform.admin().password()));
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(platform.url()
                            + "api/auth/login")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return new Api(platform.url(), JSON.readTree(response.body()).get("access_token").asText());
        }

        HttpRequest.Builder request(String path) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.replaceAll("/$", "") + path));
            return token == null ? request : request.header("Authorization", "Bearer " + token);
        }

        JsonNode get(String path) throws IOException, InterruptedException {
            HttpResponse<String> response = HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET " + path + ": " + response.body()).isBetween(200, 299);
            return JSON.readTree(response.body());
        }

        int status(String path) throws IOException, InterruptedException {
            return HTTP.send(request(path).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
