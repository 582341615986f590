package org.tributary.command;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tributary.command.routing.ProjectGraphs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A fresh project per test, and the helpers that build graphs over HTTP and read what routing made. */
abstract class GraphTestBase extends CommandServiceTestBase {

    static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    ProjectGraphs graphs;

    long project;
    long layer;
    long version;

    @BeforeEach
    void project() {
        Answer created = call("POST", "/api/projects", Map.of("name", "language", "executor_id", executor("lang")));
        project = created.id();
        layer = created.body().get("main_data_layer_id").asLong();
        version = created.version();
    }

    long node(String label, String kind, String processing) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("label", label, "kind", kind, "version", version));
        if (kind.equals("compute")) {
            body.put("container", Map.of("image", "python:3.12-slim", "script", "true"));
        }
        if (processing != null) {
            body.put("processing", processing);
        }
        Answer node = call("POST", "/api/projects/" + project + "/nodes", body);
        assertThat(node.status()).as("%s", node.body()).isEqualTo(201);
        version = node.version();
        return node.id();
    }

    void link(long from, long to, String type, String filter, Map<String, String> mapping) {
        Answer link = call("POST", "/api/projects/" + project + "/links", Map.of("from_node_id", from,
                "to_node_id", to, "type", type, "package_filter", filter, "mapping", mapping, "version", version));
        assertThat(link.status()).as("%s", link.body()).isEqualTo(201);
        version = link.version();
    }

    long upload(long node, String label, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("label", label, "fields", Map.of("w", label)));
        body.putAll(extra);
        Answer pkg = call("POST", "/api/projects/" + project + "/nodes/" + node + "/packages?data_layer_id=" + layer,
                body);
        assertThat(pkg.status()).as("%s", pkg.body()).isEqualTo(201);
        return pkg.id();
    }

    /** The specs of the jobs created at a node, oldest first. */
    List<JsonNode> jobsAt(long node) {
        List<JsonNode> specs = new ArrayList<>();
        for (String payload : jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE payloadtype LIKE '%.JobCreated' AND convert_from(payload, 'UTF8') LIKE ? "
                + "ORDER BY globalindex", String.class, "%\"nodeId\":" + node + ",%")) {
            try {
                specs.add(JSON.readTree(payload));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return specs;
    }

    List<String> inputLabels(JsonNode job) {
        List<String> labels = new ArrayList<>();
        job.get("spec").get("inputs").forEach(input -> labels.add(input.get("label").asText()));
        return labels;
    }

    /** The packages routing created at a node, as labels in order. */
    List<String> packagesAt(long node) {
        return jdbc.queryForList("SELECT convert_from(payload, 'UTF8')::json->>'label' FROM domainevententry "
                + "WHERE payloadtype LIKE '%.PackageCreated' AND convert_from(payload, 'UTF8') LIKE ? "
                + "ORDER BY globalindex", String.class, "%\"nodeId\":" + node + ",%");
    }

    /** Routing handles events in order: once a marker package's job exists, everything before it was routed. */
    void routed() {
        long marker = node("marker-" + System.nanoTime(), "compute", null);
        upload(marker, "marker", Map.of());
        await().atMost(PATIENCE).until(() -> jobsAt(marker).size() == 1);
    }
}
