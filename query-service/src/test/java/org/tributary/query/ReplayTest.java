package org.tributary.query;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.tributary.domain.job.api.JobCancelled;
import org.tributary.domain.job.api.JobClaimed;
import org.tributary.domain.job.api.JobCreated;
import org.tributary.domain.job.api.JobDied;
import org.tributary.domain.job.api.JobDispatched;
import org.tributary.domain.job.api.JobFailed;
import org.tributary.domain.job.api.JobInput;
import org.tributary.domain.job.api.JobInteractiveOpened;
import org.tributary.domain.job.api.JobLogKept;
import org.tributary.domain.job.api.JobSpec;
import org.tributary.domain.job.api.JobStatus;
import org.tributary.domain.job.api.JobStatusReported;
import org.tributary.domain.job.api.JobWaiting;
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
        registry.add("tributary.security.jwk-set-uri", () -> org.tributary.testsupport.TestTokens.shared().jwkSetUri());
        registry.add("spring.datasource.url", DB::jdbcUrl);
        registry.add("spring.datasource.username", DB::username);
        registry.add("spring.datasource.password", DB::password);
    }

    @BeforeAll
    static void appendEvents() {
        scenario = new Scenario(EVENTS).appendAll();
        appendEveryKindOfJobEvent();
    }

    /**
     * Jobs that meet the job events the scenario has not, in the orders a rebuild folds into one row each
     * (ReadModelWrites.insert): a second claim, waiting and starting, an interactive job cancelled, a dead job whose
     * log is kept, a failure without files.
     */
    static void appendEveryKindOfJobEvent() {
        JobSpec interactive = new JobSpec(SCRATCH, MAIN, List.of(), Map.of("port", 8888), CONTAINER, List.of(), true,
                List.of("API_TOKEN"));
        job(300, new JobCreated(300, PROJECT, interactive, null, FAILED_JOB, null));
        job(300, new JobDispatched(300, PROJECT, EXECUTOR, interactive));
        job(300, new JobClaimed(300, PROJECT, EXECUTOR));
        job(300, new JobClaimed(300, PROJECT, 2));
        job(300, new JobWaiting(300, PROJECT, "pulling the image"));
        job(300, new JobStatusReported(300, PROJECT, JobStatus.QUEUED));
        job(300, new JobStatusReported(300, PROJECT, JobStatus.STARTED));
        job(300, new JobInteractiveOpened(300, PROJECT, "http://10.0.0.7:8888/"));
        job(300, new JobCancelled(300, PROJECT, EXECUTOR, "idle for 30 minutes"));

        JobSpec plain = new JobSpec(SCRATCH, MAIN, List.of(new JobInput(UPLOAD, "run-1", Map.of(), List.of())),
                Map.of(), CONTAINER, List.of(), false);
        job(301, new JobCreated(301, PROJECT, plain, EXECUTOR));
        job(301, new JobClaimed(301, PROJECT, EXECUTOR));
        job(301, new JobWaiting(301, PROJECT, "no node fits"));
        job(301, new JobCancelled(301, PROJECT, EXECUTOR, ""));

        job(302, new JobCreated(302, PROJECT, plain, EXECUTOR));
        job(302, new JobStatusReported(302, PROJECT, JobStatus.STARTED));
        job(302, new JobDied(302, PROJECT, "node lost"));
        job(302, new JobLogKept(302, PROJECT, List.of(FAILED_LOG)));

        job(303, new JobCreated(303, PROJECT, plain, EXECUTOR));
        job(303, new JobFailed(303, PROJECT, "ScriptError", "exit code 2"));
    }

    private static void job(long id, Object event) {
        EVENTS.append("Job", Long.toString(id), event);
    }

    @Autowired
    TestRestTemplate http;

    @org.junit.jupiter.api.BeforeEach
    void signIn() {
        ReadModel.asAdmin(http);
    }


    @Test
    void followsEventsAppendedWhileRunning() {
        ReadModel.awaitJson(http, "/api/projects/" + PROJECT, p -> p.path("version").asLong() == scenario.projectVersion);

        long version = EVENTS.append("Project", Long.toString(PROJECT), new NodeRenamed(PROJECT, DATA_NODE, "inbox-2"))
                .sequence();
        EVENTS.append("DataPackage", "120", new PackageCreated(120, PROJECT, DATA_NODE, MAIN, "late",
                Map.of(), List.of(), List.of(), PackageOrigin.UPLOADED, null, null));

        ReadModel.awaitJson(http, "/api/projects/" + PROJECT + "/nodes/" + DATA_NODE, n -> "inbox-2".equals(n.path("label").asText()));
        ReadModel.awaitJson(http, "/api/projects/" + PROJECT, p -> p.path("version").asLong() == version);
        JsonNode packages = ReadModel.awaitJson(http, "/api/projects/" + PROJECT + "/nodes/" + DATA_NODE + "/packages?page_size=1",
                p -> p.path("total").asLong() == 6);
        assertThat(packages.get("items").get(0).get("label").asText()).isEqualTo("late");
    }

    @Test
    void replayRebuildsTheSameReadModelFromTheEventStore() throws Exception {
        ReadModel.awaitJson(http, "/api/projects/" + PROJECT + "/jobs/" + FAILED_JOB, j -> "Error".equals(j.path("status").asText()));
        ReadModel.awaitJson(http, "/api/projects/" + PROJECT + "/nodes/" + REPORT + "/packages", p -> p.path("total").asLong() == 2);
        List<String> paths = List.of("/api/projects", "/api/executors",
                "/api/projects/" + PROJECT + "/nodes", "/api/projects/" + PROJECT + "/links",
                "/api/projects/" + PROJECT + "/data_layers",
                "/api/projects/" + PROJECT + "/nodes/" + TRAIN + "/packages",
                "/api/projects/" + PROJECT + "/nodes/" + REPORT + "/jobs",
                "/api/projects/" + PROJECT + "/jobs/" + TRAIN_JOB);
        Map<String, JsonNode> before = new LinkedHashMap<>();
        for (String path : paths) {
            before.put(path, ReadModel.withoutUrls(ReadModel.get(http, path)));
        }

        Map<String, List<String>> tables = tables();
        List<String> indexes = indexes();

        // damage the read model behind the processor's back: only a rebuild from the events can repair it
        try (Connection c = DB.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE query.project SET name = 'damaged'");
            s.executeUpdate("DELETE FROM query.job_status WHERE job_id = " + TRAIN_JOB);
            s.executeUpdate("DELETE FROM query.package WHERE id = " + TRAINED);
        }
        assertThat(ReadModel.get(http, "/api/projects/" + PROJECT).get("name").asText()).isEqualTo("damaged");

        ResponseEntity<String> replay = http.postForEntity("/api/admin/replay", null, String.class);
        assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(ReadModel.json(replay.getBody()).get("processor").asText()).isEqualTo("projections");
        ResponseEntity<String> second = http.postForEntity("/api/admin/replay", null, String.class);
        if (!"DONE".equals(ReadModel.get(http, "/api/admin/replay").get("state").asText())) {
            assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        }
        // the live read model answers throughout the rebuild, until the switch
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            assertThat(ReadModel.get(http, "/api/projects").get("total").asLong()).isEqualTo(1);
            return "DONE".equals(ReadModel.get(http, "/api/admin/replay").get("state").asText());
        });
        assertThat(ReadModel.get(http, "/api/admin/replay").get("position").asLong()).isPositive();

        ReadModel.awaitJson(http, "/api/projects/" + PROJECT + "/jobs/" + FAILED_JOB, j -> "Error".equals(j.path("status").asText()));
        for (String path : paths) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(
                    () -> assertThat(ReadModel.withoutUrls(ReadModel.get(http, path))).as(path).isEqualTo(before.get(path)));
        }
        assertThat(ReadModel.get(http, "/api/projects/" + PROJECT).get("name").asText()).isEqualTo("demo");
        // row for row: the rebuild writes in batches (ReadModelWrites), the live processor one by one
        assertThat(tables()).isEqualTo(tables);
        // the indexes the rebuild left out while it loaded are all there again
        assertThat(indexes()).isEqualTo(indexes).anyMatch(index -> index.startsWith("history_by_job "));
    }

    private static List<String> indexes() throws java.sql.SQLException {
        List<String> indexes = new java.util.ArrayList<>();
        try (Connection c = DB.connect(); Statement s = c.createStatement();
             java.sql.ResultSet rows = s.executeQuery("SELECT indexname || ' ' || indexdef FROM pg_indexes"
                     + " WHERE schemaname = 'query' ORDER BY 1")) {
            while (rows.next()) {
                indexes.add(rows.getString(1));
            }
        }
        return indexes;
    }

    /** Every read-model table's rows as text, sorted; the processor's own tables left out. */
    private static Map<String, List<String>> tables() throws java.sql.SQLException {
        Map<String, List<String>> tables = new java.util.TreeMap<>();
        try (Connection c = DB.connect(); Statement s = c.createStatement()) {
            List<String> names = new java.util.ArrayList<>();
            try (java.sql.ResultSet rows = s.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'query' AND table_type = 'BASE TABLE' AND table_name NOT IN"
                    + " ('flyway_schema_history', 'tokenentry', 'deadletterentry')")) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            for (String name : names) {
                List<String> content = new java.util.ArrayList<>();
                try (java.sql.ResultSet rows = s.executeQuery("SELECT t::text FROM query." + name + " t ORDER BY 1")) {
                    while (rows.next()) {
                        content.add(rows.getString(1));
                    }
                }
                tables.put(name, content);
            }
        }
        assertThat(tables).containsKeys("job", "job_status", "package", "package_field", "history", "node");
        return tables;
    }
}
