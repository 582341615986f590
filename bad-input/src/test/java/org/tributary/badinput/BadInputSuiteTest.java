package org.tributary.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tributary.standalone.StandaloneSettings;
import org.tributary.standalone.StandalonePlatform;
import org.tributary.standalone.TributaryStandalone;
import org.tributary.standalone.demo.DemoProject;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bad-input suite: the whole platform on its embedded servers, and thousands of requests a careless or hostile
 * client sends, generated from the OpenAPI documents of every operation, plus the job contract's calls and what
 * Tomcat refuses before any servlet. No answer is a 5xx, every error is an RFC 7807 problem, no refused request
 * writes an event, and a job still runs afterwards. It prints its counts.
 */
class BadInputSuiteTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir
    static Path dataDir;
    static StandalonePlatform platform;
    static DemoProject.Seeded demo;
    static JdbcTemplate events;
    static String gateway;
    /** Probes are sent with credentials that may do what they ask, so that their input is what gets judged. */
    static String adminToken;
    static String executorCredential;

    @BeforeAll
    static void start() throws Exception {
        TributaryStandalone.prepareJvm();
        platform = new StandalonePlatform(new StandaloneSettings(dataDir, true, 0, "127.0.0.1", false, Map.of(),
                List.of(), null)).start();
        demo = platform.demo().orElseThrow();
        gateway = platform.url().replaceAll("/$", "");
        adminToken = JSON.readTree(RawHttp.send(gateway, "POST", "/api/auth/login", Map.of("Content-Type",
                "application/json"), JSON.writeValueAsBytes(Map.of("login", platform.admin().login(),
                "password", platform.admin().password()))).body()).get("access_token").asText();
        executorCredential = Files.readString(dataDir.resolve("secrets").resolve("executor-credential")).strip();
        events = platform.services().get("command-service").context().getBean(JdbcTemplate.class);
        await().atMost(PATIENCE).until(() -> processedJobs(demo.plot()) == 1);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    record Violation(Probe probe, int status, String contentType, String body, String why) {
        @Override
        public String toString() {
            return why + ": " + probe.what() + " → " + status + " " + contentType + " "
                    + (body.length() > 200 ? body.substring(0, 200) + "…" : body);
        }
    }

    @Test
    void everyBadRequestIsRefusedCleanlyWritesNothingAndAJobStillRuns() throws Exception {
        Probes.Ids ids = seedTarget();
        Probes probes = new Probes(ids);
        List<Operation> operations = new ArrayList<>();
        operations.addAll(Operation.all(getJson("/api/docs/command")));
        operations.addAll(Operation.all(getJson("/api/docs/query")));
        Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (Operation op : operations) {
            // the operator's tools (replay, dead letters) and the error page are not part of the user API
            if (op.path().startsWith("/api/admin") || op.path().equals("/error")) {
                skipped.add(op.method() + " " + op.path());
                continue;
            }
            probes.operation(op);
            methodsByPath.computeIfAbsent(probes.url(op, Map.of()).replaceAll("\\?.*", ""),
                    k -> new LinkedHashSet<>()).add(op.method());
        }
        methodsByPath.forEach(probes::methods);
        List<String> targets = new ArrayList<>(List.of("gateway"));
        for (String service : List.of("command-service", "query-service", "executor")) {
            targets.add(service);
        }
        probes.pathAttacks(targets);
        probes.executorApi(ids.job());

        List<Probe> all = probes.all();
        assertThat(all).hasSizeGreaterThanOrEqualTo(2000);
        awaitQuiet();
        long eventsBefore = eventCount();

        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<Violation> violations = new ArrayList<>();
        long started = System.nanoTime();
        for (Probe probe : all) {
            long before = eventCount();
            RawHttp.Response response = send(probe);
            byStatus.merge(response.status(), 1, Integer::sum);
            String why = judge(probe, response);
            if (why == null && response.status() >= 400 && eventCount() != before) {
                why = "a refused request wrote events";
            }
            if (why != null) {
                violations.add(new Violation(probe, response.status(), response.contentType(), response.text(), why));
            }
            if (response.status() < 400) {
                awaitQuiet();
            }
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

        System.out.printf("bad-input suite: %d requests from %d operations (%d skipped: %s) in %d s; by status %s;"
                        + " %d events written by accepted requests; %d violations%n", all.size(), operations.size(),
                skipped.size(), skipped, seconds, byStatus, eventCount() - eventsBefore, violations.size());
        violations.stream().limit(60).forEach(v -> System.out.println("  " + v));
        assertThat(violations).isEmpty();

        // and the platform still runs a job
        long processed = processedJobs(demo.generate());
        RawHttp.Response posted = RawHttp.send(gateway, "POST", "/api/projects/" + demo.project() + "/nodes/"
                        + demo.generate() + "/packages?data_layer_id=" + demo.layer(), withCredentials("/api",
                        Map.of("Content-Type", "application/json")),
                "{\"label\":\"after the storm\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(posted.status()).isEqualTo(201);
        await().atMost(PATIENCE).until(() -> processedJobs(demo.generate()) == processed + 1);
    }

    /** Why an answer is wrong, or null. */
    /** The statuses that refuse the request's own input: bad, too large, of a type not taken. */
    static final java.util.Set<Integer> FIELD_NAMED = java.util.Set.of(400, 413, 415);

    static String judge(Probe probe, RawHttp.Response response) {
        if (response.status() >= 500) {
            return "server error";
        }
        if (probe.method().equals("TRACE") && response.status() < 400) {
            return "TRACE answered";
        }
        if (response.status() >= 400) {
            if (!response.contentType().startsWith("application/problem+json")) {
                return "error without a problem body";
            }
            try {
                JsonNode problem = JSON.readTree(response.body());
                if (problem == null || problem.path("status").asInt() != response.status()
                        || !problem.path("detail").isTextual()) {
                    return "problem body without its status or detail";
                }
                // a refusal of the request's input says which input, so that a client can point at it
                if (FIELD_NAMED.contains(response.status()) && problem.path("field").asText("").isBlank()) {
                    return "refusal of input without the field it is about";
                }
            } catch (Exception e) {
                return "problem body that is not JSON";
            }
        }
        return null;
    }

    static RawHttp.Response send(Probe probe) throws Exception {
        String base = probe.target().equals("gateway") ? gateway
                : platform.services().get(probe.target()).url().replaceAll("/$", "");
        String version = probe.path().contains(Probe.VERSION) || (probe.body() != null
                && new String(probe.body(), StandardCharsets.ISO_8859_1).contains(Probe.VERSION))
                ? Long.toString(projectVersion()) : null;
        String path = version == null ? probe.path() : probe.path().replace(Probe.VERSION, version);
        byte[] body = probe.body();
        if (version != null && body != null && body.length < 1_000_000) {
            body = new String(body, StandardCharsets.UTF_8).replace(Probe.VERSION, version)
                    .getBytes(StandardCharsets.UTF_8);
        }
        return RawHttp.send(base, probe.method(), path, withCredentials(path, probe.headers()), body);
    }

    /** The executor's credential on its own paths, the admin's token elsewhere; a probe's own header wins. */
    static Map<String, String> withCredentials(String path, Map<String, String> headers) {
        if (headers.keySet().stream().anyMatch("authorization"::equalsIgnoreCase)) {
            return headers;
        }
        Map<String, String> signed = new LinkedHashMap<>(headers);
        signed.put("Authorization", "Bearer " + (path.startsWith("/api/executors/") ? executorCredential
                : adminToken));
        return signed;
    }

    static long targetProject;

    static long projectVersion() {
        Long version = events.queryForObject("SELECT max(sequencenumber) FROM domainevententry "
                + "WHERE aggregateidentifier = ?", Long.class, Long.toString(targetProject));
        return version == null ? 0 : version;
    }

    static long eventCount() {
        Long count = events.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        return count == null ? 0 : count;
    }

    /** Until nothing more is appended for a while: routing and jobs an accepted request set off have settled. */
    static void awaitQuiet() {
        long[] last = {eventCount()};
        long[] since = {System.nanoTime()};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            long now = eventCount();
            if (now != last[0]) {
                last[0] = now;
                since[0] = System.nanoTime();
                return false;
            }
            return System.nanoTime() - since[0] > Duration.ofMillis(400).toNanos();
        });
    }

    /** A project of two data nodes (no jobs run there), a link and a package: the ids the probes aim at. */
    static Probes.Ids seedTarget() throws Exception {
        JsonNode project = post("/api/projects", "{\"name\":\"target\"}");
        targetProject = project.get("id").asLong();
        long layer = project.get("main_data_layer_id").asLong();
        String nodes = "/api/projects/" + targetProject + "/nodes";
        JsonNode inbox = post(nodes, "{\"label\":\"inbox\",\"kind\":\"data\",\"version\":"
                + project.get("version").asLong() + "}");
        JsonNode outbox = post(nodes, "{\"label\":\"outbox\",\"kind\":\"data\",\"version\":"
                + inbox.get("version").asLong() + "}");
        JsonNode link = post("/api/projects/" + targetProject + "/links", "{\"from_node_id\":" + inbox.get("id")
                + ",\"to_node_id\":" + outbox.get("id") + ",\"version\":" + outbox.get("version").asLong() + "}");
        JsonNode pkg = post(nodes + "/" + inbox.get("id") + "/packages?data_layer_id=" + layer,
                "{\"label\":\"first\",\"fields\":{\"x\":1}}");
        JsonNode demoJob = getJson("/api/projects/" + demo.project() + "/nodes/" + demo.generate()
                + "/jobs?data_layer_id=" + demo.layer()).get("items").get(0);
        return new Probes.Ids(targetProject, layer, inbox.get("id").asLong(), outbox.get("id").asLong(),
                link.get("id").asLong(), pkg.get("id").asLong(), demoJob.get("id").asLong(),
                platform.services().executorId(), demo.project(), demo.generate(), demo.pkg());
    }

    static long processedJobs(long node) throws Exception {
        JsonNode jobs = getJson("/api/projects/" + demo.project() + "/nodes/" + node + "/jobs?data_layer_id="
                + demo.layer() + "&page_size=100");
        long processed = 0;
        for (JsonNode job : jobs.path("items")) {
            processed += "Processed".equals(job.path("status").asText()) ? 1 : 0;
        }
        return processed;
    }

    static JsonNode post(String path, String body) throws Exception {
        RawHttp.Response response = RawHttp.send(gateway, "POST", path, withCredentials(path,
                Map.of("Content-Type", "application/json")), body.getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).as(path + " " + response.text()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    static JsonNode getJson(String path) throws Exception {
        RawHttp.Response response = RawHttp.send(gateway, "GET", path, withCredentials(path, Map.of()), null);
        assertThat(response.status()).as(path).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
