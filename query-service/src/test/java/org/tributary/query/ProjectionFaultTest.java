package org.tributary.query;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tributary.domain.datapackage.api.PackageCreated;
import org.tributary.domain.project.api.NodeCreated;
import org.tributary.domain.project.api.NodeRenamed;
import org.tributary.domain.shared.NodeKind;
import org.tributary.domain.shared.PackageOrigin;
import org.tributary.testsupport.TestDatabase;
import org.tributary.testsupport.TestEventStore;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tributary.query.Scenario.DATA_NODE;
import static org.tributary.query.Scenario.MAIN;
import static org.tributary.query.Scenario.PROJECT;

/**
 * An event the read model cannot store (one that came in before NUL was refused at the edge) is set aside alone:
 * the later events of its project wait behind it, every other event is projected, an operator sees, retries and
 * resolves it, and a replay rebuilds the same read model.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = QueryServiceApplication.CONFIG_NAME)
class ProjectionFaultTest {

    static final TestDatabase DB = TestDatabase.create("query_fault");
    static final TestEventStore EVENTS = TestEventStore.create(DB);
    static final long BAD_NODE = 30;
    static final long AFTER = 130;
    static String poisonId;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("tributary.security.jwk-set-uri", () -> org.tributary.testsupport.TestTokens.shared().jwkSetUri());
        registry.add("spring.datasource.url", DB::jdbcUrl);
        registry.add("spring.datasource.username", DB::username);
        registry.add("spring.datasource.password", DB::password);
    }

    @BeforeAll
    static void appendEvents() {
        new Scenario(EVENTS).appendAll();
        String project = Long.toString(PROJECT);
        poisonId = EVENTS.append("Project", project, new NodeCreated(PROJECT, BAD_NODE, "nul\u0000node",
                NodeKind.DATA, null, 0, 0, null)).eventId();
        EVENTS.append("Project", project, new NodeRenamed(PROJECT, DATA_NODE, "inbox-2"));
        EVENTS.append("DataPackage", Long.toString(AFTER), new PackageCreated(AFTER, PROJECT, DATA_NODE, MAIN,
                "after", Map.of(), List.of(), List.of(), PackageOrigin.UPLOADED, null, null));
    }

    @Autowired
    TestRestTemplate http;

    @org.junit.jupiter.api.BeforeEach
    void signIn() {
        ReadModel.asAdmin(http);
    }


    @Test
    void theEventIsSetAsideAloneSeenRetriedReplayedAndResolved() {
        // every other event is projected: the package appended after the poison is there
        ReadModel.awaitJson(http, "/api/projects/" + PROJECT + "/nodes/" + DATA_NODE + "/packages/" + AFTER,
                p -> "after".equals(p.path("label").asText()));

        JsonNode letters = ReadModel.awaitJson(http, "/api/admin/dead_letters/projections", d -> d.path("total").asLong() == 2);
        assertThat(letters.get("sequences").asLong()).isEqualTo(1);
        JsonNode sequence = letters.get("items").get(0);
        assertThat(sequence.get("sequence").asText()).isEqualTo(Long.toString(PROJECT));
        assertThat(sequence.get("letters").get(0).get("event_id").asText()).isEqualTo(poisonId);
        assertThat(sequence.get("letters").get(0).get("event_type").asText()).isEqualTo("NodeCreated");
        assertThat(sequence.get("letters").get(0).get("cause_message").asText()).isNotBlank();
        assertThat(sequence.get("letters").get(1).get("event_type").asText()).isEqualTo("NodeRenamed");
        // the project's later event waits behind the poison, in order
        assertThat(ReadModel.get(http, "/api/projects/" + PROJECT + "/nodes/" + DATA_NODE).get("label").asText()).isEqualTo("inbox");
        assertThat(http.getForEntity("/api/projects/" + PROJECT + "/nodes/" + BAD_NODE, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        // a retry meets the same failure: the letters stay
        JsonNode retried = ReadModel.json(http.postForEntity("/api/admin/dead_letters/projections/retry", null, String.class).getBody());
        assertThat(retried.get("retried").asLong()).isZero();
        assertThat(retried.get("remaining").asLong()).isEqualTo(2);

        // a replay rebuilds the same read model, the poison set aside again
        List<String> paths = List.of("/api/projects", "/api/projects/" + PROJECT + "/nodes",
                "/api/projects/" + PROJECT + "/nodes/" + DATA_NODE + "/packages");
        Map<String, JsonNode> before = new LinkedHashMap<>();
        paths.forEach(path -> before.put(path, ReadModel.withoutUrls(ReadModel.get(http, path))));
        assertThat(http.postForEntity("/api/admin/replay", null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        // the rebuild sets the poison aside too and switches (it does not fail on it)
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String state = ReadModel.get(http, "/api/admin/replay").get("state").asText();
            assertThat(state).isNotEqualTo("FAILED");
            return "DONE".equals(state);
        });
        ReadModel.awaitJson(http, "/api/projects/" + PROJECT + "/nodes/" + DATA_NODE + "/packages/" + AFTER,
                p -> "after".equals(p.path("label").asText()));
        for (String path : paths) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(
                    () -> assertThat(ReadModel.withoutUrls(ReadModel.get(http, path))).as(path).isEqualTo(before.get(path)));
        }
        ReadModel.awaitJson(http, "/api/admin/dead_letters/projections", d -> d.path("total").asLong() == 2);

        // resolving drops the poison, and the event behind it is projected
        ResponseEntity<String> resolved = http.exchange("/api/admin/dead_letters/projections/" + poisonId, HttpMethod.DELETE,
                null, String.class);
        assertThat(resolved.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ReadModel.json(resolved.getBody()).get("remaining").asLong()).isZero();
        assertThat(ReadModel.get(http, "/api/projects/" + PROJECT + "/nodes/" + DATA_NODE).get("label").asText())
                .isEqualTo("inbox-2");
        assertThat(ReadModel.get(http, "/api/admin/dead_letters/projections").get("total").asLong()).isZero();
    }

    @Test
    void resolvingAnEventThatIsNotSetAsideIsNotFound() {
        ResponseEntity<String> answer = http.exchange("/api/admin/dead_letters/projections/" + "0".repeat(8), HttpMethod.DELETE,
                null, String.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(ReadModel.json(answer.getBody()).get("field").asText()).isEqualTo("event_id");
    }
}
