package org.tributary.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tributary.domain.datapackage.api.PackageCreated;
import org.tributary.domain.project.api.NodeRenamed;
import org.tributary.domain.shared.PackageOrigin;
import org.tributary.testsupport.TestDatabase;
import org.tributary.testsupport.TestEventStore;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tributary.query.Scenario.*;

/** The read model follows new events as they are appended, and can be rebuilt from the event store. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = QueryServiceApplication.CONFIG_NAME)
class ReplayTest {

    static final TestDatabase DB = TestDatabase.create("query_replay");
    static final TestEventStore EVENTS = TestEventStore.create(DB);
    static Scenario scenario;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::jdbcUrl);
        registry.add("spring.datasource.username", DB::username);
        registry.add("spring.datasource.password", DB::password);
    }

    @BeforeAll
    static void appendEvents() {
        scenario = new Scenario(EVENTS).appendAll();
    }

    @Autowired
    TestRestTemplate http;

    final ObjectMapper mapper = new ObjectMapper();

    @Test
    void followsEventsAppendedWhileRunning() {
        awaitJson("/api/projects/" + PROJECT, p -> p.path("version").asLong() == scenario.projectVersion);

        long version = EVENTS.append("Project", Long.toString(PROJECT), new NodeRenamed(PROJECT, DATA_NODE, "inbox-2"))
                .sequence();
        EVENTS.append("DataPackage", "120", new PackageCreated(120, PROJECT, DATA_NODE, MAIN, "late",
                Map.of(), List.of(), List.of(), PackageOrigin.UPLOADED, null, null));

        awaitJson("/api/projects/" + PROJECT + "/nodes/" + DATA_NODE, n -> "inbox-2".equals(n.path("label").asText()));
        awaitJson("/api/projects/" + PROJECT, p -> p.path("version").asLong() == version);
        JsonNode packages = awaitJson("/api/projects/" + PROJECT + "/nodes/" + DATA_NODE + "/packages?page_size=1",
                p -> p.path("total").asLong() == 6);
        assertThat(packages.get("items").get(0).get("label").asText()).isEqualTo("late");
    }

    @Test
    void replayRebuildsTheSameReadModelFromTheEventStore() throws Exception {
        awaitJson("/api/projects/" + PROJECT + "/jobs/" + FAILED_JOB, j -> "Error".equals(j.path("status").asText()));
        awaitJson("/api/projects/" + PROJECT + "/nodes/" + REPORT + "/packages", p -> p.path("total").asLong() == 2);
        List<String> paths = List.of("/api/projects", "/api/executors",
                "/api/projects/" + PROJECT + "/nodes", "/api/projects/" + PROJECT + "/links",
                "/api/projects/" + PROJECT + "/data_layers",
                "/api/projects/" + PROJECT + "/nodes/" + TRAIN + "/packages",
                "/api/projects/" + PROJECT + "/nodes/" + REPORT + "/jobs",
                "/api/projects/" + PROJECT + "/jobs/" + TRAIN_JOB);
        Map<String, JsonNode> before = new LinkedHashMap<>();
        for (String path : paths) {
            before.put(path, withoutUrls(get(path)));
        }

        // damage the read model behind the processor's back: only a rebuild from the events can repair it
        try (Connection c = DB.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE query.project SET name = 'damaged'");
            s.executeUpdate("DELETE FROM query.job_status WHERE job_id = " + TRAIN_JOB);
            s.executeUpdate("DELETE FROM query.package WHERE id = " + TRAINED);
        }
        assertThat(get("/api/projects/" + PROJECT).get("name").asText()).isEqualTo("damaged");

        ResponseEntity<String> replay = http.postForEntity("/api/admin/replay", null, String.class);
        assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(json(replay.getBody()).get("processor").asText()).isEqualTo("projections");
        ResponseEntity<String> second = http.postForEntity("/api/admin/replay", null, String.class);
        if (!"DONE".equals(get("/api/admin/replay").get("state").asText())) {
            assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        }
        // the live read model answers throughout the rebuild, until the switch
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            assertThat(get("/api/projects").size()).isEqualTo(1);
            return "DONE".equals(get("/api/admin/replay").get("state").asText());
        });
        assertThat(get("/api/admin/replay").get("position").asLong()).isPositive();

        awaitJson("/api/projects/" + PROJECT + "/jobs/" + FAILED_JOB, j -> "Error".equals(j.path("status").asText()));
        for (String path : paths) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(
                    () -> assertThat(withoutUrls(get(path))).as(path).isEqualTo(before.get(path)));
        }
        assertThat(get("/api/projects/" + PROJECT).get("name").asText()).isEqualTo("demo");
    }

    /** Presigned URLs carry their signing time, so two reads differ in them and nothing else. */
    private static JsonNode withoutUrls(JsonNode node) {
        if (node.isObject()) {
            ((ObjectNode) node).remove("content");
        }
        node.forEach(ReplayTest::withoutUrls);
        return node;
    }

    private JsonNode awaitJson(String path, Predicate<JsonNode> ready) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            ResponseEntity<String> response = http.getForEntity(path, String.class);
            return response.getStatusCode().is2xxSuccessful() ? json(response.getBody()) : null;
        }, body -> body != null && ready.test(body));
    }

    private JsonNode get(String path) {
        ResponseEntity<String> response = http.getForEntity(path, String.class);
        assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        return json(response.getBody());
    }

    private JsonNode json(String body) {
        try {
            return mapper.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
