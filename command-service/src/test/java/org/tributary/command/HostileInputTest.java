package org.tributary.command;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Input a careless or hostile client sends: refused with the field named, and nothing written. */
class HostileInputTest extends CommandServiceTestBase {

    record Graph(long executor, long project, long layer, long node, long version) {
    }

    Graph graph(String name) {
        long executor = executor(name);
        Answer project = call("POST", "/api/projects", Map.of("name", name, "executor_id", executor));
        Answer node = call("POST", "/api/projects/" + project.id() + "/nodes", Map.of("label", "A",
                "container", Map.of("image", "debian:12", "script", "true"), "version", project.version()));
        assertThat(node.status()).isEqualTo(201);
        return new Graph(executor, project.id(), project.body().get("main_data_layer_id").asLong(), node.id(),
                node.version());
    }

    void assertRefused(Answer answer, int status, String field) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.body().get("status").asInt()).isEqualTo(status);
        assertThat(answer.body().get("field").asText()).isEqualTo(field);
    }

    @Test
    void anIdOfAnotherKindIsNotFoundAndNamesTheField() {
        Graph g = graph("kinds");
        Answer pkg = call("POST", "/api/projects/" + g.project() + "/nodes/" + g.node() + "/packages?data_layer_id="
                + g.layer(), Map.of("label", "p"));
        await().atMost(Duration.ofSeconds(20)).until(() -> jobAt(g.node()), id -> id != null);
        long before = eventCount();

        assertRefused(call("POST", "/api/projects/" + pkg.id() + "/nodes", Map.of("label", "B", "kind", "data",
                "version", 0)), 404, "project_id");
        assertRefused(call("PATCH", "/api/projects/" + g.project(), Map.of("executor_id", g.project(),
                "version", g.version())), 404, "executor_id");
        assertRefused(call("POST", "/api/projects", Map.of("name", "x", "executor_id", pkg.id())), 404,
                "executor_id");
        assertRefused(call("POST", "/api/executors/" + g.executor() + "/jobs/" + g.project() + "/claim", null),
                404, "job_id");
        assertRefused(call("POST", "/api/executors/" + g.executor() + "/jobs/" + pkg.id() + "/error",
                Map.of("error", "X")), 404, "job_id");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void patchingAProjectChecksItAndItsVersionEvenWhenItChangesNothing() {
        Graph g = graph("patch");
        assertRefused(call("PATCH", "/api/projects/999999999", Map.of("version", 3)), 404, "project_id");
        assertRefused(call("PATCH", "/api/projects/" + g.project(), Map.of("version", g.version() - 1)), 409,
                "version");
        Answer current = call("PATCH", "/api/projects/" + g.project(), Map.of("version", g.version()));
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.version()).isEqualTo(g.version());
    }

    @Test
    void aNulCharacterIsRefusedNamingItsFieldAndCreatesNoPackage() {
        Graph g = graph("nul");
        long before = eventCount();
        String packages = "/api/projects/" + g.project() + "/nodes/" + g.node() + "/packages?data_layer_id="
                + g.layer();
        assertRefused(raw("POST", packages, "{\"label\":\"nul\\u0000label\",\"fields\":{\"k\":\"v\"}}"), 400,
                "label");
        assertRefused(raw("POST", packages, "{\"label\":\"ok\",\"fields\":{\"k\":\"v\\u0000\"}}"), 400, "fields.k");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void malformedBodiesCreateNothing() {
        Graph g = graph("malformed");
        long before = eventCount();
        String packages = "/api/projects/" + g.project() + "/nodes/" + g.node() + "/packages?data_layer_id="
                + g.layer();
        assertRefused(raw("POST", packages, "{} x"), 400, "body");
        assertRefused(raw("POST", packages, "\uFEFF{\"label\":\"bom\"}"), 400, "body");
        assertRefused(raw("PUT", "/api/projects/" + g.project() + "/nodes/" + g.node() + "/data_layers/" + g.layer()
                + "/active", "{\"active\":2,\"version\":" + g.version() + "}"), 400, "active");
        assertRefused(raw("POST", "/api/projects/" + g.project() + "/nodes", "{\"label\":7,\"kind\":\"data\","
                + "\"version\":" + g.version() + "}"), 400, "label");
        assertThat(eventCount()).isEqualTo(before);
    }

    long lastId() {
        return jdbc.queryForObject("SELECT last_value FROM aggregate_id_seq", Long.class);
    }

    @Test
    void aRefusedCompletionUsesUpNoPackageIds() {
        Graph g = graph("ids");
        call("POST", "/api/projects/" + g.project() + "/nodes/" + g.node() + "/packages?data_layer_id=" + g.layer(),
                Map.of("label", "go"));
        long job = await().atMost(Duration.ofSeconds(20)).until(() -> jobAt(g.node()), id -> id != null);
        String base = "/api/executors/" + g.executor() + "/jobs/" + job;
        assertThat(call("POST", base + "/claim", null).status()).isEqualTo(200);
        long events = eventCount();
        long ids = lastId();

        Map<String, Object> output = Map.of("label", "out", "fields", Map.of(), "files", List.of());
        assertRefused(call("POST", base + "/complete", Map.of("exit_code", 0, "outputs",
                java.util.Collections.nCopies(1001, output))), 400, "outputs");
        List<Object> oneBad = List.of(output, output, Map.of("label", "l".repeat(256)));
        assertRefused(call("POST", base + "/complete", Map.of("exit_code", 0, "outputs", oneBad)), 400,
                "outputs[2].label");
        assertThat(lastId()).isEqualTo(ids);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aRefusedPackageUsesUpNoId() {
        Graph g = graph("package-ids");
        long ids = lastId();
        assertRefused(call("POST", "/api/projects/" + g.project() + "/nodes/" + g.node() + "/packages?data_layer_id="
                + g.layer(), Map.of("label", "l".repeat(256))), 400, "label");
        assertThat(lastId()).isEqualTo(ids);
    }

    @Test
    void refusedCreationsOfProjectsNodesLinksLayersAndExecutorsUseUpNoIds() {
        Graph g = graph("graph-ids");
        long aggregates = lastId();
        Map<String, Long> inside = Map.of(
                "node", jdbc.queryForObject("SELECT last_value FROM node_id_seq", Long.class),
                "link", jdbc.queryForObject("SELECT last_value FROM link_id_seq", Long.class),
                "data_layer", jdbc.queryForObject("SELECT last_value FROM data_layer_id_seq", Long.class));
        String project = "/api/projects/" + g.project();

        assertRefused(call("POST", "/api/projects", Map.of("name", " ")), 400, "name");
        assertRefused(call("POST", "/api/executors", Map.of("label", " ")), 400, "label");
        assertRefused(call("POST", project + "/nodes", Map.of("label", "A", "container",
                Map.of("image", "debian:12", "script", "true"), "version", g.version())), 409, "label");
        assertRefused(call("POST", project + "/nodes", Map.of("label", "B", "container",
                Map.of("image", "debian:12", "script", "true"), "version", g.version() - 1)), 409, "version");
        assertRefused(call("POST", project + "/links", Map.of("from_node_id", g.node(), "to_node_id", g.node(),
                "version", g.version())), 400, "to_node_id");
        assertRefused(call("POST", project + "/data_layers", Map.of("label", "main", "version", g.version())),
                409, "label");

        assertThat(lastId()).isEqualTo(aggregates);
        assertThat(jdbc.queryForObject("SELECT last_value FROM node_id_seq", Long.class)).isEqualTo(inside.get("node"));
        assertThat(jdbc.queryForObject("SELECT last_value FROM link_id_seq", Long.class)).isEqualTo(inside.get("link"));
        assertThat(jdbc.queryForObject("SELECT last_value FROM data_layer_id_seq", Long.class))
                .isEqualTo(inside.get("data_layer"));
    }

    @Test
    void bytesThatDoNotMatchTheirHashNeverEnterAPackage() throws Exception {
        Graph g = graph("forged");
        byte[] real = "the real content".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String hash = sha256(real);
        Answer url = call("PUT", "/api/projects/" + g.project() + "/objects/" + hash, null);
        java.net.http.HttpResponse<String> forged = HTTP.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(url.body().asText())).PUT(java.net.http.HttpRequest.BodyPublishers
                        .ofString("forged")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(200);
        long before = eventCount();

        String packages = "/api/projects/" + g.project() + "/nodes/" + g.node() + "/packages?data_layer_id="
                + g.layer();
        Map<String, Object> body = Map.of("label", "p", "files", List.of(Map.of("name", "data.txt",
                "content_hash", hash, "size", real.length)));
        assertRefused(call("POST", packages, body), 400, "files[0].content_hash");
        assertThat(eventCount()).isEqualTo(before);

        // the forged bytes are gone: the right ones are asked for again, and then taken
        Answer again = call("PUT", "/api/projects/" + g.project() + "/objects/" + hash, null);
        assertThat(again.body().isTextual()).isTrue();
        HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(again.body().asText()))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(real)).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(call("POST", packages, body).status()).isEqualTo(201);
    }

    @Test
    void aRepeatedCompletionIsAcceptedOnlyWhenIdentical() {
        Graph g = graph("repeat");
        call("POST", "/api/projects/" + g.project() + "/nodes/" + g.node() + "/packages?data_layer_id=" + g.layer(),
                Map.of("label", "go"));
        long job = await().atMost(Duration.ofSeconds(20)).until(() -> jobAt(g.node()), id -> id != null);
        String base = "/api/executors/" + g.executor() + "/jobs/" + job;
        assertThat(call("POST", base + "/claim", null).status()).isEqualTo(200);
        Map<String, Object> complete = Map.of("exit_code", 0, "files", List.of(), "outputs",
                List.of(Map.of("label", "out", "fields", Map.of("x", 1), "files", List.of())));
        assertThat(call("POST", base + "/complete", complete).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> eventTypes(job).contains("JobProcessed"));
        long before = eventCount();
        assertThat(call("POST", base + "/complete", complete).status()).isEqualTo(200);

        Map<String, Object> other = Map.of("exit_code", 0, "files", List.of(), "outputs",
                List.of(Map.of("label", "out", "fields", Map.of("x", 2), "files", List.of())));
        assertRefused(call("POST", base + "/complete", other), 409, "status");
        assertRefused(call("POST", base + "/error", Map.of("error", "X".repeat(101))), 400, "error");
        assertThat(eventCount()).isEqualTo(before);
    }
}
