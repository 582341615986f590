package org.tributary.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tributary.domain.project.api.DataLayerCreated;
import org.tributary.domain.project.api.NodeCreated;
import org.tributary.domain.project.api.NodeMoved;
import org.tributary.domain.project.api.NodeRenamed;
import org.tributary.domain.project.api.ProjectMemberRemoved;
import org.tributary.domain.project.api.ProjectMemberSet;
import org.tributary.domain.project.api.ProjectCreated;
import org.tributary.domain.shared.DataLayerKind;
import org.tributary.domain.shared.NodeKind;
import org.tributary.domain.shared.ProjectRole;
import org.tributary.testsupport.TestDatabase;
import org.tributary.testsupport.TestEventStore;
import org.tributary.testsupport.TestS3;
import org.tributary.testsupport.TestTokens;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A project's live stream: its history's new lines as Server-Sent Events, resumable with Last-Event-ID. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = QueryServiceApplication.CONFIG_NAME)
class LiveStreamTest {

    static final TestDatabase DB = TestDatabase.create("query_live");
    static final TestEventStore EVENTS = TestEventStore.create(DB);
    static final TestS3 S3 = TestS3.start();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static final long P = 60, NODE = 61, OTHER = 70;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ReadModel.serve(registry, DB, S3);
    }

    @BeforeAll
    static void project() {
        EVENTS.append("Project", Long.toString(P), new ProjectCreated(P, "live", null));
        EVENTS.append("Project", Long.toString(P), new DataLayerCreated(P, 1, "main", DataLayerKind.SHARED));
        EVENTS.append("Project", Long.toString(OTHER), new ProjectCreated(OTHER, "elsewhere", null));
    }

    @AfterAll
    static void stopS3() {
        S3.close();
    }

    @LocalServerPort
    int port;

    /**
     * The project the streams follow is in the read model: its events are appended before the tests, and projected
     * after (a stream of a project the read model does not have yet is a 404, with no events).
     */
    @org.junit.jupiter.api.BeforeEach
    void projectIsKnown() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> status("/api/projects/" + P, TestTokens.shared().admin()) == 200);
    }

    /** One SSE event as the stream sent it. */
    record Event(String id, String name, JsonNode data) {
    }

    /** Reads a stream's events on a thread of its own into a queue. */
    final class Stream implements AutoCloseable {
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        final InputStream body;
        final int status;
        volatile boolean ended;

        Stream(String query, String lastEventId) throws Exception {
            this(query, lastEventId, TestTokens.shared().admin());
        }

        Stream(String query, String lastEventId, String token) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/projects/" + P + "/live" + query)).header("Authorization", "Bearer " + token);
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            body = response.body();
            Thread reader = new Thread(this::read, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String id = null, name = null;
                StringBuilder data = new StringBuilder();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isEmpty()) {
                        if (name != null || !data.isEmpty()) {
                            events.add(new Event(id, name, data.isEmpty() ? null : JSON.readTree(data.toString())));
                        }
                        id = null;
                        name = null;
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    }
                }
            } catch (Exception e) {
                // closed by the test
            }
            ended = true;
        }

        Event next() throws InterruptedException {
            Event event = events.poll(30, TimeUnit.SECONDS);
            assertThat(event).as("an event within 30 s").isNotNull();
            return event;
        }

        @Override
        public void close() throws Exception {
            body.close();
        }
    }

    @Test
    void sendsWhatHappensToTheProjectAsItHappens() throws Exception {
        awaitHistory(2);
        try (Stream stream = new Stream("", null)) {
            assertThat(stream.status).isEqualTo(200);
            Event ready = stream.next();
            assertThat(ready.name()).isEqualTo("ready");

            EVENTS.append("Project", Long.toString(OTHER), new NodeRenamed(OTHER, 71, "not this project's"));
            EVENTS.append("Project", Long.toString(P), new NodeCreated(P, NODE, "train", NodeKind.DATA, null, 10, 20,
                    null));
            Event created = stream.next();

            assertThat(created.name()).isEqualTo("NodeCreated");
            assertThat(Long.parseLong(created.id())).isGreaterThan(Long.parseLong(ready.id()));
            assertThat(created.data().get("node_id").asLong()).isEqualTo(NODE);
            assertThat(created.data().get("data").get("label").asText()).isEqualTo("train");
            // the project's version after the edit: what the client's next edit must send
            assertThat(created.data().get("project_version").asLong()).isEqualTo(projectVersion());
            assertThat(stream.events.poll(500, TimeUnit.MILLISECONDS)).as("nothing of another project").isNull();
        }
    }

    @Test
    void aClientThatReconnectsGetsWhatItMissedFirst() throws Exception {
        long before = awaitHistory(2);
        EVENTS.append("Project", Long.toString(P), new NodeMoved(P, NODE, 100, 200));
        EVENTS.append("Project", Long.toString(P), new NodeRenamed(P, NODE, "evaluate"));
        awaitHistoryAbove(before + 1);

        try (Stream stream = new Stream("", Long.toString(before))) {
            assertThat(stream.next().name()).isEqualTo("ready");
            List<String> names = new ArrayList<>();
            Event event;
            do {
                event = stream.next();
                names.add(event.name());
            } while (!"NodeRenamed".equals(event.name()) || !"evaluate".equals(event.data().get("data").get("label")
                    .asText()));
            assertThat(names).containsSubsequence("NodeMoved", "NodeRenamed");
        }
    }

    @Test
    void aMemberRemovedFromTheProjectGetsRevokedAndNothingAfterIt() throws Exception {
        long member = 501;
        String token = TestTokens.shared().user(member, "viewer", false);
        EVENTS.append("Project", Long.toString(P), new ProjectMemberSet(P, member, ProjectRole.VIEWER));
        await().atMost(Duration.ofSeconds(30)).until(() -> status("/api/projects/" + P, token) == 200);

        try (Stream stream = new Stream("", null, token)) {
            assertThat(stream.status).isEqualTo(200);
            assertThat(stream.next().name()).isEqualTo("ready");
            EVENTS.append("Project", Long.toString(P), new ProjectMemberRemoved(P, member));
            EVENTS.append("Project", Long.toString(P), new NodeRenamed(P, NODE, "after the removal"));

            List<Event> received = new ArrayList<>();
            do {
                received.add(stream.next());
            } while (!"revoked".equals(received.get(received.size() - 1).name()));

            assertThat(received).extracting(Event::name).doesNotContain("NodeRenamed");
            assertThat(received.get(received.size() - 1).data().get("project_id").asLong()).isEqualTo(P);
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.ended);
            assertThat(stream.events).isEmpty();
        }
        assertThat(status("/api/projects/" + P + "/live", token)).as("and it cannot follow again").isEqualTo(404);
    }

    @Test
    void aStreamEndsWhenTheTokenItWasOpenedWithExpires() throws Exception {
        // a stream first, so that the short-lived one below does not spend its seconds on the service's first request
        try (Stream warm = new Stream("", null)) {
            assertThat(warm.next().name()).isEqualTo("ready");
        }
        String shortLived = TestTokens.shared().sign(1, "admin", true, java.time.Instant.now().plusSeconds(5));

        try (Stream stream = new Stream("", null, shortLived)) {
            assertThat(stream.status).isEqualTo(200);
            assertThat(stream.next().name()).isEqualTo("ready");

            await().atMost(Duration.ofSeconds(20)).until(() -> stream.ended);
        }
    }

    @Test
    void tellsAClientFromBeforeARebuildToLoadAgain() throws Exception {
        try (Stream stream = new Stream("", "999999999")) {
            Event reset = stream.next();

            assertThat(reset.name()).isEqualTo("reset");
        }
    }

    @Test
    void refusesAPositionThatIsNotOne() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/projects/" + P + "/live?after=soon")).header("Authorization",
                        "Bearer " + TestTokens.shared().admin()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("field").asText()).isEqualTo("after");
    }

    @Test
    void answers404ForAProjectThatDoesNotExist() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/projects/987654/live")).header("Authorization",
                        "Bearer " + TestTokens.shared().admin()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
    }

    /** Waits until the project's history holds at least {@code lines} lines; answers the newest line's id. */
    private long awaitHistory(int lines) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> history().get("total").asLong() >= lines);
        return history().get("items").get(0).get("id").asLong();
    }

    private void awaitHistoryAbove(long id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> history().get("items").get(0).get("id").asLong() > id);
    }

    private int status(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private long projectVersion() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/projects/" + P)).header("Authorization", "Bearer " + TestTokens.shared().admin()).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).get("version").asLong();
    }

    private JsonNode history() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/projects/" + P + "/history")).header("Authorization",
                "Bearer " + TestTokens.shared().admin()).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
