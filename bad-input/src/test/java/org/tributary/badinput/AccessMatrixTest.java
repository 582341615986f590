package org.tributary.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.tributary.executor.jobapi.JobTokens;
import org.tributary.standalone.StandalonePlatform;
import org.tributary.standalone.StandaloneSettings;
import org.tributary.standalone.TributaryStandalone;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every operation of every service, sent as each of twelve callers, answered as its rule in
 * {@code access-matrix.txt} says: let through (whatever the input then gets), 401, 403, or 404 as if the project did
 * not exist. An operation without a line there, or a line without its operation, fails the test too.
 */
class AccessMatrixTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String PASSWORD = "matrix password";

    enum Caller { ANONYMOUS, STRANGER, VIEWER, EDITOR, OWNER, ADMIN, VIEWER_KEY, EDITOR_KEY, EXECUTOR,
        OTHER_EXECUTOR, JOB_TOKEN, OTHER_JOB_TOKEN }

    enum Outcome { LET_THROUGH, UNAUTHENTICATED, FORBIDDEN, HIDDEN }

    @TempDir
    static Path dataDir;
    static StandalonePlatform platform;
    static final Map<Caller, String> TOKENS = new LinkedHashMap<>();
    static final Map<String, String> IDS = new LinkedHashMap<>();
    static long project;

    @BeforeAll
    static void start() throws Exception {
        TributaryStandalone.prepareJvm();
        platform = new StandalonePlatform(new StandaloneSettings(dataDir, false, 0, "127.0.0.1", false, Map.of(),
                List.of(), null)).start();
        String admin = login(platform.admin().login(), platform.admin().password());
        TOKENS.put(Caller.ADMIN, admin);
        for (Caller user : List.of(Caller.STRANGER, Caller.VIEWER, Caller.EDITOR, Caller.OWNER)) {
            String name = user.name().toLowerCase();
            call("command-service", "POST", "/api/auth/register", Map.of("login", name, "password", PASSWORD,
                    "display_name", name, "email", name + "@example.org"), null, 201);
            TOKENS.put(user, login(name, PASSWORD));
        }
        long executor = platform.services().executorId();
        TOKENS.put(Caller.EXECUTOR, Files.readString(dataDir.resolve("secrets/executor-credential")).strip());
        TOKENS.put(Caller.OTHER_EXECUTOR, call("command-service", "POST", "/api/executors",
                Map.of("label", "other"), admin, 201).get("credential").asText());
        IDS.put("spareExecutorId", call("command-service", "POST", "/api/executors", Map.of("label", "spare"),
                admin, 201).get("id").asText());

        String owner = TOKENS.get(Caller.OWNER);
        JsonNode created = call("command-service", "POST", "/api/projects", Map.of("name", "matrix",
                "executor_id", executor), owner, 201);
        project = created.get("id").asLong();
        String p = "/api/projects/" + project;
        long layer = created.get("main_data_layer_id").asLong();
        JsonNode in = call("command-service", "POST", p + "/nodes", Map.of("label", "in", "kind", "data",
                "version", created.get("version").asLong()), owner, 201);
        JsonNode out = call("command-service", "POST", p + "/nodes", Map.of("label", "out", "kind", "data",
                "version", in.get("version").asLong()), owner, 201);
        JsonNode link = call("command-service", "POST", p + "/links", Map.of("from_node_id", in.get("id"),
                "to_node_id", out.get("id"), "version", out.get("version").asLong()), owner, 201);
        JsonNode viewer = call("command-service", "PUT", p + "/members/viewer", Map.of("role", "viewer",
                "version", link.get("version").asLong()), owner, 200);
        call("command-service", "PUT", p + "/members/editor", Map.of("role", "editor",
                "version", viewer.get("version").asLong()), owner, 200);
        TOKENS.put(Caller.VIEWER_KEY, call("command-service", "POST", p + "/api_keys", Map.of("name", "v",
                "role", "viewer"), owner, 201).get("key").asText());
        TOKENS.put(Caller.EDITOR_KEY, call("command-service", "POST", p + "/api_keys", Map.of("name", "e",
                "role", "editor"), owner, 201).get("key").asText());
        JsonNode pkg = call("command-service", "POST", p + "/nodes/" + in.get("id").asLong()
                + "/packages?data_layer_id=" + layer, Map.of("label", "x"), owner, 201);
        call("command-service", "POST", "/api/projects", Map.of("name", "the stranger's"),
                TOKENS.get(Caller.STRANGER), 201);

        // a job's runner holds a token for its job only; the job need not exist for its token to be judged
        long job = 77_777_777;
        long otherJob = job + 1;
        JobTokens tokens = platform.services().get("executor").context().getBean(JobTokens.class);
        TOKENS.put(Caller.JOB_TOKEN, tokens.refresh(tokens.issueRefresh(job)).accessToken());
        TOKENS.put(Caller.OTHER_JOB_TOKEN, tokens.refresh(tokens.issueRefresh(otherJob)).accessToken());

        IDS.put("projectId", Long.toString(project));
        IDS.put("nodeId", in.get("id").asText());
        IDS.put("layerId", Long.toString(layer));
        IDS.put("linkId", link.get("id").asText());
        IDS.put("packageId", pkg.get("id").asText());
        IDS.put("executorId", Long.toString(executor));
        IDS.put("jobId", Long.toString(job));
        IDS.put("id", Long.toString(job));
        IDS.put("keyId", "999999");
        IDS.put("schemaId", "1");
        IDS.put("name", "MATRIX_SECRET");
        IDS.put("login", "nobody-here");
        IDS.put("processor", "projections");
        IDS.put("eventId", "00000000-0000-0000-0000-000000000000");
        IDS.put("sha256", "ab".repeat(32));
        IDS.put("**", "matrix.txt");
        // the read side has the members and keys
        await().atMost(Duration.ofSeconds(30)).until(() -> status("query-service", "GET", p + "/api_keys",
                TOKENS.get(Caller.VIEWER_KEY)) == 200 && status("query-service", "GET", p, TOKENS.get(Caller.EDITOR)) == 200);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    record Row(String service, String method, String path, String rule) {
        String key() {
            return service + " " + method + " " + path;
        }
    }

    @Test
    void everyOperationAnswersEveryCallerAsItsRuleSays() throws Exception {
        Map<String, Row> rules = rules();
        Map<String, Row> operations = new TreeMap<>();
        for (String service : List.of("command", "query")) {
            JsonNode document = call(service + "-service", "GET", "/api/docs/" + service, null, null, 200);
            for (Operation op : Operation.all(document)) {
                if (!op.path().equals("/error")) {
                    Row row = new Row(service, op.method(), op.path(), null);
                    operations.put(row.key(), row);
                }
            }
        }
        RequestMappingHandlerMapping executorMappings = platform.services().get("executor").context()
                .getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : executorMappings.getHandlerMethods().entrySet()) {
            for (String path : mapping.getKey().getPatternValues()) {
                for (var method : mapping.getKey().getMethodsCondition().getMethods()) {
                    if (!path.equals("/error")) {
                        Row row = new Row("executor", method.name(), path, null);
                        operations.put(row.key(), row);
                    }
                }
            }
        }
        assertThat(new TreeSet<>(operations.keySet())).as("operations and the rules of access-matrix.txt")
                .isEqualTo(new TreeSet<>(rules.keySet()));

        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Row row : rules.values()) {
            for (Caller caller : Caller.values()) {
                RawHttp.Response response = send(row, caller);
                Outcome actual = outcome(response);
                Outcome expected = expected(row, caller);
                checked++;
                if (actual != expected || (response.status() >= 400
                        && !response.contentType().startsWith("application/problem+json"))) {
                    wrong.add(row.key() + " as " + caller + ": expected " + expected + ", got " + response.status()
                            + " " + response.contentType() + " " + abbreviate(response.text()));
                }
            }
        }
        System.out.printf("access matrix: %d operations × %d callers = %d answers checked, %d wrong%n",
                rules.size(), Caller.values().length, checked, wrong.size());
        wrong.stream().limit(80).forEach(w -> System.out.println("  " + w));
        assertThat(wrong).isEmpty();
    }

    static Outcome expected(Row row, Caller caller) {
        if (row.service().equals("executor")) {
            return switch (row.rule()) {
                case "PUBLIC" -> Outcome.LET_THROUGH;
                case "JOB" -> caller == Caller.JOB_TOKEN ? Outcome.LET_THROUGH
                        : caller == Caller.OTHER_JOB_TOKEN ? Outcome.FORBIDDEN : Outcome.UNAUTHENTICATED;
                case "READ_KEY", "JOB_REFRESH" -> Outcome.UNAUTHENTICATED;
                default -> throw new IllegalStateException(row.key() + ": no " + row.rule() + " at the executor");
            };
        }
        if (row.rule().equals("OPEN")) {
            return Outcome.LET_THROUGH;
        }
        boolean known = switch (caller) {
            case ANONYMOUS -> true;
            // a job's token is the executor's; executors act at command-service only
            case JOB_TOKEN, OTHER_JOB_TOKEN -> false;
            case EXECUTOR, OTHER_EXECUTOR -> row.service().equals("command");
            default -> true;
        };
        if (!known) {
            return Outcome.UNAUTHENTICATED;
        }
        if (row.rule().equals("PUBLIC")) {
            return Outcome.LET_THROUGH;
        }
        if (caller == Caller.ANONYMOUS) {
            return Outcome.UNAUTHENTICATED;
        }
        boolean user = List.of(Caller.STRANGER, Caller.VIEWER, Caller.EDITOR, Caller.OWNER, Caller.ADMIN)
                .contains(caller);
        return switch (row.rule()) {
            case "SIGNED_IN" -> Outcome.LET_THROUGH;
            case "USER" -> user ? Outcome.LET_THROUGH : Outcome.FORBIDDEN;
            case "ADMIN" -> caller == Caller.ADMIN ? Outcome.LET_THROUGH : Outcome.FORBIDDEN;
            case "EXECUTOR" -> caller == Caller.EXECUTOR ? Outcome.LET_THROUGH : Outcome.FORBIDDEN;
            case "VIEWER", "EDITOR", "OWNER", "MEMBER" -> {
                int role = switch (caller) {
                    case VIEWER, VIEWER_KEY -> 1;
                    case EDITOR, EDITOR_KEY -> 2;
                    case OWNER, ADMIN -> 3;
                    default -> 0;
                };
                if (role == 0) {
                    yield Outcome.HIDDEN;
                }
                if (row.rule().equals("MEMBER")) {
                    yield user ? Outcome.LET_THROUGH : Outcome.FORBIDDEN;
                }
                int needed = List.of("VIEWER", "EDITOR", "OWNER").indexOf(row.rule()) + 1;
                yield role >= needed ? Outcome.LET_THROUGH : Outcome.FORBIDDEN;
            }
            default -> throw new IllegalStateException(row.key() + ": unknown rule " + row.rule());
        };
    }

    /**
     * An access check's refusal names the credential ({@code field} authorization); a handler's verdict on its
     * input (a wrong password in a login) names that input, and counts as let through.
     */
    static Outcome outcome(RawHttp.Response response) throws IOException {
        boolean credential = response.status() / 100 == 4
                && "authorization".equalsIgnoreCase(JSON.readTree(response.body()).path("field").asText());
        return switch (response.status()) {
            case 401 -> credential ? Outcome.UNAUTHENTICATED : Outcome.LET_THROUGH;
            case 403 -> credential ? Outcome.FORBIDDEN : Outcome.LET_THROUGH;
            case 404 -> ("project " + project + " does not exist").equals(
                    JSON.readTree(response.body()).path("detail").asText()) ? Outcome.HIDDEN : Outcome.LET_THROUGH;
            default -> Outcome.LET_THROUGH;
        };
    }

    /** Every path variable filled in; a body that no operation accepts, so that nothing is changed by it. */
    static RawHttp.Response send(Row row, Caller caller) throws Exception {
        String path = row.path();
        for (Map.Entry<String, String> id : IDS.entrySet()) {
            path = path.replace(id.getKey().equals("**") ? "**" : "{" + id.getKey() + "}", id.getValue());
        }
        if (row.path().equals("/api/executors/{executorId}/credential")) {
            // the admin gets a new credential for the executor it names: not the one the other rows act as
            path = "/api/executors/" + IDS.get("spareExecutorId") + "/credential";
        }
        if (row.path().startsWith("/api/projects/{projectId}/jobs/{jobId}")) {
            // a job of no project: commands about it must not touch the demo's jobs
            path = path.replace("/jobs/" + IDS.get("jobId"), "/jobs/99999999");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String token = TOKENS.get(caller);
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (row.method().equals("DELETE") && (row.path().equals("/api/projects/{projectId}")
                || row.path().equals("/api/projects/{projectId}/data_layers/{layerId}"))) {
            // past the access check, a stale version refuses it: the project and its layer stay for the other rows
            headers.put("If-Match", "\"0\"");
        }
        byte[] body = null;
        if (List.of("POST", "PUT", "PATCH").contains(row.method())) {
            headers.put("Content-Type", "application/json");
            body = "{\"matrix_probe\":true}".getBytes(StandardCharsets.UTF_8);
        }
        String service = row.service().equals("executor") ? "executor" : row.service() + "-service";
        return RawHttp.send(base(service), row.method(), path, headers, body);
    }

    static Map<String, Row> rules() throws IOException {
        Map<String, Row> rules = new LinkedHashMap<>();
        try (InputStream in = AccessMatrixTest.class.getResourceAsStream("/access-matrix.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split("\\s+");
                Row row = new Row(parts[0], parts[1], parts[2], parts[3]);
                assertThat(rules.put(row.key(), row)).as("twice in access-matrix.txt: %s", row.key()).isNull();
            }
        }
        return rules;
    }

    static String base(String service) {
        return platform.services().get(service).url();
    }

    static String login(String login, String password) throws Exception {
        return call("command-service", "POST", "/api/auth/login", Map.of("login", login, "password", password),
                null, 200).get("access_token").asText();
    }

    static int status(String service, String method, String path, String token) throws Exception {
        return RawHttp.send(base(service), method, path, token == null ? Map.of()
                : Map.of("Authorization", "Bearer " + token), null).status();
    }

    static JsonNode call(String service, String method, String path, Object body, String token, int expected)
            throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        byte[] bytes = null;
        if (body != null) {
            headers.put("Content-Type", "application/json");
            bytes = JSON.writeValueAsBytes(body);
        }
        RawHttp.Response response = RawHttp.send(base(service), method, path, headers, bytes);
        assertThat(response.status()).as("%s %s: %s", method, path, response.text()).isEqualTo(expected);
        return JSON.readTree(response.body());
    }

    static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
