package org.tributary.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.tributary.testsupport.TestRabbit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One package travels the whole way: REST → command-service → event store → routing → job → projection-proxy →
 * RabbitMQ → executor → job runner (a local process running the node's script) → S3 → output packages → delivery
 * along a push link → the next job → query-service.
 */
@ExtendWith(OutputCaptureExtension.class)
class PackageFlowTest {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final List<String> FULL_HISTORY = List.of("Created", "Dispatched", "Queued", "Started", "Downloaded",
            "Calculated", "Uploaded", "Produced", "Processed");

    static Platform platform;
    static Api command;
    static Api query;
    static long executorId;
    static CachingConnectionFactory rabbit;
    static String everyEvent;
    static final List<Message> received = new ArrayList<>();
    /** Whether the executor's backend serves a running job's output: the Kubernetes mock serves no pod logs. */
    static boolean liveLogs;

    @BeforeAll
    static void start(@TempDir Path workDir) {
        startPlatform(workDir);
    }

    /** The whole platform on the test servers, its executor started with {@code executorArgs} (its backend). */
    static void startPlatform(Path workDir, String... executorArgs) {
        liveLogs = !List.of(executorArgs).contains("--tributary.executor.backend=kubernetes");
        received.clear();
        platform = new Platform();
        // bind a queue to every routing key before anything is published, to see each event exactly once
        rabbit = new CachingConnectionFactory(TestRabbit.host(), TestRabbit.port());
        rabbit.setUsername(TestRabbit.username());
        rabbit.setPassword(TestRabbit.password());
        RabbitAdmin admin = new RabbitAdmin(rabbit);
        TopicExchange exchange = new TopicExchange(platform.exchange, true, false);
        admin.declareExchange(exchange);
        everyEvent = admin.declareQueue(new Queue(TestRabbit.uniqueName("e2e-all"), false, true, true));
        Binding all = BindingBuilder.bind(new Queue(everyEvent)).to(exchange).with("#");
        admin.declareBinding(all);

        platform.startWriteSide();
        command = Api.register(Platform.url(platform.command), "ada");
        query = new Api(Platform.url(platform.query), command.token());
        Platform.Registered executor = platform.registerExecutor(Map.of("label", "e2e-local",
                "capabilities", Map.of("max_running_jobs", 2)));
        executorId = executor.id();
        platform.startExecutor(executor, workDir, executorArgs);
    }

    @AfterAll
    static void stop() {
        stopPlatform();
    }

    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
        if (rabbit != null) {
            rabbit.destroy();
        }
    }

    record Graph(long project, long layer, long a, long b, long version) {
    }

    /** Project with compute nodes A and B and a push link A→B that passes labels "result-…" and renames. */
    static Graph graph(String name, String scriptA, byte[] runSh) {
        JsonNode project = command.ok("POST", "/api/projects", Map.of("name", name, "executor_id", executorId));
        long p = project.get("id").asLong();
        long layer = project.get("main_data_layer_id").asLong();
        long version = project.get("version").asLong();
        JsonNode a = command.ok("POST", "/api/projects/" + p + "/nodes", Map.of("label", "A", "kind", "compute",
                "container", Map.of("image", "python:3.12-slim", "script", scriptA), "version", version));
        JsonNode b = command.ok("POST", "/api/projects/" + p + "/nodes", Map.of("label", "B", "kind", "compute",
                "container", Map.of("image", "debian:12-slim", "script", """
                        d=$(ls -d in/*/ | head -1)
                        mkdir -p out/1/files
                        printf final > out/1/label
                        cp "$d/fields.json" out/1/fields.json
                        tr a-z A-Z < "$d/files/report.txt" > out/1/files/REPORT.txt
                        echo "B done"
                        """), "version", a.get("version").asLong()));
        JsonNode link = command.ok("POST", "/api/projects/" + p + "/links", Map.of(
                "from_node_id", a.get("id").asLong(), "to_node_id", b.get("id").asLong(), "type", "push",
                "package_filter", "^result-", "mapping", Map.of("total", "sum", "report.txt", "summary.txt"),
                "version", b.get("version").asLong()));
        version = link.get("version").asLong();
        long nodeA = a.get("id").asLong();
        version = command.ok("PUT", "/api/projects/" + p + "/nodes/" + nodeA + "/parameters", Map.of(
                "parameters", List.of(Map.of("name", "alpha", "type", "number", "default_value", 0.5)),
                "version", version)).get("version").asLong();
        version = command.ok("PUT", "/api/projects/" + p + "/nodes/" + nodeA + "/parameter_values?data_layer_id="
                + layer, Map.of("values", Map.of("alpha", 2.5), "version", version)).get("version").asLong();
        if (runSh != null) {
            version = command.putBytes("/api/projects/" + p + "/nodes/" + nodeA + "/files/run.sh", runSh,
                    "\"" + version + "\"").get("version").asLong();
        }
        return new Graph(p, layer, nodeA, b.get("id").asLong(), version);
    }

    /** Uploads data.csv through a presigned URL and posts a package naming it at A. */
    static long postPackage(Graph g, String label) {
        byte[] data = "1\n2\n3\n".getBytes(StandardCharsets.UTF_8);
        String hash = sha256(data);
        JsonNode url = command.ok("PUT", "/api/projects/" + g.project() + "/objects/" + hash, null);
        if (!url.isNull()) {
            Api.upload(url.asText(), data);
        }
        return command.ok("POST", "/api/projects/" + g.project() + "/nodes/" + g.a() + "/packages?data_layer_id="
                + g.layer(), Map.of("label", label, "fields", Map.of("x", 3), "files", List.of(Map.of(
                "name", "data.csv", "content_hash", hash, "size", data.length, "type", "text/csv"))))
                .get("id").asLong();
    }

    static JsonNode jobsAt(Graph g, long node) {
        return query.ok("GET", "/api/projects/" + g.project() + "/nodes/" + node + "/jobs?data_layer_id="
                + g.layer(), null);
    }

    static JsonNode onlyJob(Graph g, long node, String status) {
        return await().atMost(PATIENCE).until(() -> {
            JsonNode jobs = jobsAt(g, node);
            // the page's total and its items are two reads: a job that arrives between them is in one only
            if (jobs.get("total").asInt() != 1 || jobs.get("items").size() != 1) {
                return null;
            }
            JsonNode job = query.ok("GET", "/api/projects/" + g.project() + "/jobs/"
                    + jobs.get("items").get(0).get("id").asLong(), null);
            return status.equals(job.get("status").asText()) ? job : null;
        }, job -> job != null);
    }

    static JsonNode packagesAt(Graph g, long node) {
        return query.ok("GET", "/api/projects/" + g.project() + "/nodes/" + node + "/packages?data_layer_id="
                + g.layer() + "&page=1&page_size=50", null);
    }

    static List<String> history(JsonNode job) {
        return StreamSupport.stream(job.get("history").spliterator(), false)
                .map(h -> h.get("status").asText()).toList();
    }

    static Map<String, Object> fields(JsonNode pkg) {
        Map<String, Object> fields = new java.util.TreeMap<>();
        pkg.get("fields").forEach(f -> fields.put(f.get("name").asText(), Api.JSON.convertValue(f.get("value"),
                Object.class)));
        return fields;
    }

    @Test
    void a_package_posted_at_A_is_processed_by_A_delivered_to_B_and_processed_by_B() {
        byte[] runSh = """
                set -euo pipefail
                pkg=$(ls -d in/*/ | head -1)
                python3 - "$pkg" <<'PY'
                import json, os, sys
                pkg = sys.argv[1]
                alpha = json.load(open('in/params.json'))['alpha']
                fields = json.load(open(os.path.join(pkg, 'fields.json')))
                rows = open(os.path.join(pkg, 'files', 'data.csv')).read().split()
                total = sum(int(r) for r in rows) * alpha
                label = open(os.path.join(pkg, 'label')).read().strip()
                os.makedirs('out/1/files', exist_ok=True)
                open('out/1/label', 'w').write('result-' + label)
                json.dump({'sum': total, 'x': fields['x']}, open('out/1/fields.json', 'w'))
                open('out/1/files/summary.txt', 'w').write('sum=%s\\n' % total)
                os.makedirs('out/2', exist_ok=True)
                open('out/2/label', 'w').write('scratch')
                json.dump({'note': 'not for B'}, open('out/2/fields.json', 'w'))
                PY
                echo "A done"
                """.getBytes(StandardCharsets.UTF_8);
        Graph g = graph("flow", "bash run.sh", runSh);
        long posted = postPackage(g, "run-1");

        JsonNode jobB = onlyJob(g, g.b(), "Processed");
        JsonNode jobA = onlyJob(g, g.a(), "Processed");
        assertThat(history(jobA)).containsExactlyElementsOf(FULL_HISTORY);
        assertThat(history(jobB)).containsExactlyElementsOf(FULL_HISTORY);
        jobA.get("history").forEach(h -> assertThat(h.get("at").asText()).isNotBlank());
        assertThat(jobA.get("exit_code").asInt()).isZero();
        assertThat(jobA.get("inputs").get(0).asLong()).isEqualTo(posted);
        assertThat(jobA.get("outputs")).hasSize(2);
        assertThat(Api.download(jobA.get("log").get("content").asText()))
                .asString(StandardCharsets.UTF_8).contains("A done");

        // A keeps both outputs; only "result-run-1" passed the filter to B, renamed by the mapping
        JsonNode atB = packagesAt(g, g.b());
        JsonNode produced = null;
        JsonNode delivered = null;
        for (JsonNode pkg : atB.get("items")) {
            if ("produced".equals(pkg.get("origin").asText())) {
                produced = pkg;
            } else {
                delivered = pkg;
            }
        }
        assertThat(atB.get("total").asInt()).isEqualTo(2);
        assertThat(delivered.get("label").asText()).isEqualTo("result-run-1");
        assertThat(fields(delivered)).isEqualTo(Map.of("total", 15.0, "x", 3));
        assertThat(produced.get("label").asText()).isEqualTo("final");
        assertThat(fields(produced)).isEqualTo(Map.of("total", 15.0, "x", 3));
        assertThat(produced.get("parents")).extracting(JsonNode::asLong)
                .containsExactly(delivered.get("id").asLong());

        JsonNode files = query.ok("GET", "/api/projects/" + g.project() + "/nodes/" + g.b() + "/packages/"
                + produced.get("id").asLong() + "/files", null);
        assertThat(files).hasSize(1);
        JsonNode report = files.get(0);
        assertThat(report.get("name").asText()).isEqualTo("REPORT.txt");
        byte[] content = Api.download(report.get("content").asText());
        assertThat(new String(content, StandardCharsets.UTF_8)).isEqualTo("SUM=15.0\n");
        assertThat(report.get("content_hash").asText()).isEqualTo(sha256(content));

        // lineage: both packages at B descend from the one posted at A
        JsonNode descendants = query.ok("POST", "/api/projects/" + g.project() + "/nodes/" + g.b()
                + "/packages/search?data_layer_id=" + g.layer() + "&page=1&page_size=10", Map.of("master_id", posted));
        assertThat(descendants.get("total").asInt()).isEqualTo(2);
        assertThat(descendants.get("items")).extracting(item -> item.get("id").asLong())
                .containsExactlyInAnyOrder(produced.get("id").asLong(), delivered.get("id").asLong());

        everyEventArrivedOnce();
    }

    @Test
    void a_script_that_exits_3_leaves_its_job_in_error_with_a_readable_log_and_routes_nothing() {
        Graph g = graph("failing", "echo 'about to fail'; exit 3", null);
        postPackage(g, "run-1");

        JsonNode job = onlyJob(g, g.a(), "Error");
        assertThat(job.get("exit_code").asInt()).isEqualTo(3);
        assertThat(history(job)).startsWith("Created", "Dispatched").endsWith("Calculated", "Error");
        assertThat(Api.download(job.get("log").get("content").asText()))
                .asString(StandardCharsets.UTF_8).contains("about to fail");
        assertThat(job.get("outputs")).isEmpty();
        assertThat(packagesAt(g, g.a()).get("total").asInt()).isEqualTo(1);
        assertThat(packagesAt(g, g.b()).get("total").asInt()).isZero();
        assertThat(jobsAt(g, g.b()).get("total").asInt()).isZero();
    }

    @Test
    void a_running_job_is_cancelled_and_stopped_and_its_restart_runs_the_same_input_with_the_nodes_new_script(
            @TempDir Path scratch) throws Exception {
        Path pidFile = scratch.resolve("pid");
        Graph g = graph("cancel", "echo waiting-to-be-cancelled; echo $$ > '" + pidFile + "'; exec sleep 600", null);
        long posted = postPackage(g, "run-1");
        await().atMost(PATIENCE).until(() -> java.nio.file.Files.exists(pidFile)
                && !java.nio.file.Files.readString(pidFile).isBlank());
        long pid = Long.parseLong(java.nio.file.Files.readString(pidFile).strip());
        long job = jobsAt(g, g.a()).get("items").get(0).get("id").asLong();

        JsonNode cancelled = command.ok("POST", "/api/projects/" + g.project() + "/jobs/" + job + "/cancel", null);
        assertThat(cancelled.get("status").asText()).isEqualTo("Cancelled");
        onlyJob(g, g.a(), "Cancelled");
        await().atMost(PATIENCE).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        if (liveLogs) {
            // what it printed until it was stopped is its log (the Kubernetes mock serves no pod logs)
            JsonNode withLog = await().atMost(PATIENCE).until(() -> query.ok("GET", "/api/projects/" + g.project()
                    + "/jobs/" + job, null), j -> j.get("log").isObject());
            assertThat(Api.download(withLog.get("log").get("content").asText())).asString(StandardCharsets.UTF_8)
                    .contains("waiting-to-be-cancelled");
        }
        // a repeated cancel answers the same; another project has no such job
        assertThat(command.call("POST", "/api/projects/" + g.project() + "/jobs/" + job + "/cancel", null).status())
                .isEqualTo(200);
        assertThat(command.call("POST", "/api/projects/" + (g.project() + 1000) + "/jobs/" + job + "/cancel", null)
                .status()).isEqualTo(404);

        long version = command.ok("PATCH", "/api/projects/" + g.project() + "/nodes/" + g.a(), Map.of("container",
                Map.of("image", "python:3.12-slim", "script", "echo rerun; mkdir -p out/1; printf done > out/1/label;"
                        + " cp in/*/fields.json out/1/fields.json"), "version", g.version())).get("version").asLong();
        assertThat(version).isGreaterThan(g.version());
        JsonNode restarted = command.ok("POST", "/api/projects/" + g.project() + "/jobs/" + job + "/restart", null);
        long again = restarted.get("id").asLong();
        JsonNode rerun = await().atMost(PATIENCE).until(() -> query.ok("GET", "/api/projects/" + g.project()
                + "/jobs/" + again, null), j -> "Processed".equals(j.get("status").asText()));
        assertThat(rerun.get("restart_of").asLong()).isEqualTo(job);
        assertThat(rerun.get("inputs")).extracting(JsonNode::asLong).containsExactly(posted);
        assertThat(Api.download(rerun.get("log").get("content").asText())).asString(StandardCharsets.UTF_8)
                .contains("rerun");
        // the restart's output has the input's fields; an ended job cannot be cancelled
        assertThat(command.call("POST", "/api/projects/" + g.project() + "/jobs/" + again + "/cancel", null)
                .status()).isEqualTo(409);
    }

    @Test
    void a_projects_secrets_reach_the_scripts_of_the_nodes_they_are_granted_to_and_show_in_plaintext_nowhere(
            CapturedOutput output) {
        String value = "s3cr3t-" + java.util.UUID.randomUUID();
        Graph g = graph("secrets", """
                mkdir -p out/1
                printf checked > out/1/label
                hash=$(printf %s "$RNDFLOW_SECRET_API_TOKEN" | sha256sum | cut -d' ' -f1)
                printf '{"hash": "%s", "other": "%s"}' "$hash" "${RNDFLOW_SECRET_ONLY_B:-none}" > out/1/fields.json
                """, null);
        long version = command.ok("PUT", "/api/projects/" + g.project() + "/secrets/API_TOKEN", Map.of(
                "kind", "variable", "value", value, "node_ids", List.of(g.a()), "version", g.version()))
                .get("version").asLong();
        version = command.ok("PUT", "/api/projects/" + g.project() + "/secrets/ONLY_B", Map.of(
                "kind", "variable", "value", "for-b-only", "node_ids", List.of(g.b()), "version", version))
                .get("version").asLong();
        Api.Answer refused = command.call("PUT", "/api/projects/" + g.project() + "/secrets/lower", Map.of(
                "kind", "variable", "value", value, "version", version));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("field").asText()).isEqualTo("name");
        postPackage(g, "run-1");

        onlyJob(g, g.a(), "Processed");
        JsonNode produced = packagesAt(g, g.a()).get("items").get(0);
        assertThat(fields(produced)).isEqualTo(Map.of("hash", sha256(value.getBytes(StandardCharsets.UTF_8)),
                "other", "none"));
        JsonNode listed = query.ok("GET", "/api/projects/" + g.project() + "/secrets", null);
        assertThat(listed).extracting(s -> s.get("name").asText()).containsExactly("API_TOKEN", "ONLY_B");
        assertThat(listed.toString()).doesNotContain(value);

        List<String> forms = List.of(value, java.util.Base64.getEncoder().encodeToString(
                value.getBytes(StandardCharsets.UTF_8)), HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8)));
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(platform.database.jdbcUrl(),
                platform.database.username(), platform.database.password()));
        List<Map<String, Object>> tables = jdbc.queryForList("SELECT table_schema, table_name FROM "
                + "information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN "
                + "('pg_catalog', 'information_schema')");
        assertThat(tables).hasSizeGreaterThan(10);
        for (Map<String, Object> table : tables) {
            String rows = jdbc.queryForObject("SELECT coalesce(string_agg(t::text, E'\\n'), '') FROM \""
                    + table.get("table_schema") + "\".\"" + table.get("table_name") + "\" t", String.class);
            for (String form : forms) {
                assertThat(rows).as("%s.%s", table.get("table_schema"), table.get("table_name"))
                        .doesNotContainIgnoringCase(form);
            }
        }
        for (String form : forms) {
            assertThat(output.getAll()).doesNotContain(form);
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(180)
    void a_jobs_log_is_followed_while_it_runs_and_served_whole_once_it_ended(@TempDir Path scratch) throws Exception {
        Path gate = scratch.resolve("go");
        Graph g = graph("logs", "echo 'line one'; while [ ! -e '" + gate + "' ]; do sleep 0.1; done; echo 'line two'",
                null);
        postPackage(g, "run-1");
        long job = await().atMost(PATIENCE).until(() -> jobsAt(g, g.a()).get("items"), items -> items.size() == 1)
                .get(0).get("id").asLong();
        String path = "/api/projects/" + g.project() + "/jobs/" + job + "/log";

        if (liveLogs) {
            await().atMost(PATIENCE).ignoreExceptions().until(() -> query.text(path, null),
                    text -> text.contains("line one"));
            // followed: "line one" arrives while the script still waits at its gate, the rest once it is open
            try (java.util.stream.Stream<String> events = query.lines(path + "?follow=true")) {
                java.util.Iterator<String> it = events.iterator();
                List<String> seen = new ArrayList<>();
                // lines may carry the runner's timestamps: "data: Dec 02 13:57:59 line one"
                while (it.hasNext() && seen.stream().noneMatch(l -> l.startsWith("data: ") && l.endsWith("line one"))) {
                    seen.add(it.next());
                }
                assertThat(seen).anyMatch(l -> l.endsWith("line one")).noneMatch(l -> l.endsWith("line two"));
                java.nio.file.Files.createFile(gate);
                while (it.hasNext() && !seen.contains("event: end")) {
                    seen.add(it.next());
                }
                assertThat(seen).anyMatch(l -> l.startsWith("data: ") && l.endsWith("line two")).contains("event: end");
            }
        } else {
            java.nio.file.Files.createFile(gate);
        }

        onlyJob(g, g.a(), "Processed");
        assertThat(query.text(path, null)).contains("line one").contains("line two");
        String archived = query.text(path + "?follow=true", null);
        assertThat(archived).startsWith("id: 1\nevent: line\n").endsWith("\n\n");
        long lines = archived.lines().filter(l -> l.startsWith("id: ")).count();
        String resumed = query.text(path + "?follow=true", "1");
        assertThat(resumed).startsWith("id: 2\n");
        assertThat(resumed.lines().filter(l -> l.startsWith("id: ")).count()).isEqualTo(lines - 1);
        assertThat(query.call("GET", "/api/projects/" + g.project() + "/jobs/999999/log", null).status())
                .isEqualTo(404);
    }

    /** RabbitMQ got every event of the event store, each exactly once (by event id). */
    static void everyEventArrivedOnce() {
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(platform.database.jdbcUrl(),
                platform.database.username(), platform.database.password()));
        RabbitTemplate template = new RabbitTemplate(rabbit);
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (Message m = template.receive(everyEvent); m != null; m = template.receive(everyEvent)) {
                received.add(m);
            }
            Set<String> stored = new HashSet<>(jdbc.queryForList(
                    "SELECT eventidentifier FROM command.domainevententry", String.class));
            List<String> ids = received.stream().map(m -> m.getMessageProperties().getMessageId()).toList();
            assertThat(new HashSet<>(ids)).isEqualTo(stored);
            assertThat(ids).doesNotHaveDuplicates();
        });
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
