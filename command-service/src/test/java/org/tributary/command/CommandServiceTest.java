package org.tributary.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tributary.testsupport.TestDatabase;
import org.tributary.testsupport.TestS3;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Graph edits and the flow of a package through routing, as a client sees them. */
class CommandServiceTest extends CommandServiceTestBase {

    @Test
    void stale_versions_and_bad_input_are_refused_with_the_field_named_and_nothing_written() {
        Answer project = call("POST", "/api/projects", Map.of("name", "refusals"));
        assertThat(project.status()).isEqualTo(201);
        long p = project.id();
        assertThat(project.version()).isEqualTo(2);
        assertThat(project.body().get("main_data_layer_id").asLong()).isPositive();

        Answer a = call("POST", "/api/projects/" + p + "/nodes", Map.of("label", "A", "kind", "compute",
                "container", Map.of("image", "python:3.12-slim", "script", "true"), "version", 2));
        assertThat(a.status()).isEqualTo(201);
        assertThat(a.version()).isEqualTo(3);
        long before = eventCount();

        Answer stale = call("POST", "/api/projects/" + p + "/nodes", Map.of("label", "B", "kind", "data",
                "version", 1));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body().get("field").asText()).isEqualTo("version");

        Answer duplicate = call("POST", "/api/projects/" + p + "/nodes", Map.of("label", "A", "kind", "data",
                "version", 3));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.body().get("field").asText()).isEqualTo("label");

        Answer badMemory = call("POST", "/api/projects/" + p + "/nodes", Map.of("label", "C", "container",
                Map.of("image", "python:3.12", "memory", "lots"), "version", 3));
        assertThat(badMemory.status()).isEqualTo(400);
        assertThat(badMemory.body().get("field").asText()).isEqualTo("container.memory");
        assertThat(badMemory.body().get("type").asText()).isNotEmpty();

        Answer gpuWithoutKind = call("POST", "/api/projects/" + p + "/nodes", Map.of("label", "C", "container",
                Map.of("image", "python:3.12", "gpus", 1), "version", 3));
        assertThat(gpuWithoutKind.status()).isEqualTo(400);
        assertThat(gpuWithoutKind.body().get("field").asText()).isEqualTo("container.gpu_kind");

        Answer noVersion = call("POST", "/api/projects/" + p + "/nodes", Map.of("label", "C", "kind", "data"));
        assertThat(noVersion.status()).isEqualTo(400);
        assertThat(noVersion.body().get("field").asText()).isEqualTo("version");

        Answer selfLink = call("POST", "/api/projects/" + p + "/links", Map.of("from_node_id", a.id(),
                "to_node_id", a.id(), "version", 3));
        assertThat(selfLink.status()).isEqualTo(400);

        Answer badFilter = call("POST", "/api/projects/" + p + "/links", Map.of("from_node_id", a.id(),
                "to_node_id", a.id() + 1000, "package_filter", "([", "version", 3));
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.body().get("field").asText()).isEqualTo("package_filter");

        Answer unknownNode = call("PATCH", "/api/projects/" + p + "/nodes/999999", Map.of("label", "Z",
                "version", 3));
        assertThat(unknownNode.status()).isEqualTo(404);
        assertThat(unknownNode.body().get("field").asText()).isEqualTo("node_id");

        Answer unknownProject = call("POST", "/api/projects/999999/nodes", Map.of("label", "Z", "kind", "data",
                "version", 0));
        assertThat(unknownProject.status()).isEqualTo(404);

        Answer wrongType = call("POST", "/api/projects/" + p + "/nodes", Map.of("label", "C", "kind", "data",
                "x", "left", "version", 3));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body().get("field").asText()).isEqualTo("x");

        assertThat(eventCount()).isEqualTo(before);

        Answer renamed = call("PATCH", "/api/projects/" + p + "/nodes/" + a.id(), Map.of("label", "A2",
                "version", 3));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.version()).isEqualTo(4);
        assertThat(eventTypes(p)).containsExactly("ProjectCreated", "DataLayerCreated", "ProjectMemberSet",
                "NodeCreated", "NodeRenamed");
    }

    @Test
    void a_push_link_that_would_close_a_loop_of_push_links_is_refused_and_nothing_written() {
        long p = call("POST", "/api/projects", Map.of("name", "loops")).id();
        Answer a = call("POST", "/api/projects/" + p + "/nodes", Map.of("label", "A", "kind", "data", "version", 2));
        Answer b = call("POST", "/api/projects/" + p + "/nodes", Map.of("label", "B", "kind", "data",
                "version", a.version()));
        Answer forward = call("POST", "/api/projects/" + p + "/links", Map.of("from_node_id", a.id(),
                "to_node_id", b.id(), "version", b.version()));
        assertThat(forward.status()).isEqualTo(201);
        long before = eventCount();

        Answer back = call("POST", "/api/projects/" + p + "/links", Map.of("from_node_id", b.id(),
                "to_node_id", a.id(), "type", "push", "version", forward.version()));

        assertThat(back.status()).isEqualTo(409);
        assertThat(back.body().get("field").asText()).isEqualTo("to_node_id");
        assertThat(back.body().get("detail").asText()).contains("(A → B → A)");
        assertThat(eventCount()).isEqualTo(before);
        Answer pull = call("POST", "/api/projects/" + p + "/links", Map.of("from_node_id", b.id(),
                "to_node_id", a.id(), "type", "pull", "version", forward.version()));
        assertThat(pull.status()).isEqualTo(201);
    }

    @Test
    void a_package_makes_a_job_dispatched_to_the_executor_and_its_outputs_flow_along_the_link() throws Exception {
        long executor = executor("local");
        Answer project = call("POST", "/api/projects", Map.of("name", "flow", "executor_id", executor));
        long p = project.id();
        long layer = project.body().get("main_data_layer_id").asLong();
        Answer a = call("POST", "/api/projects/" + p + "/nodes", Map.of("label", "A",
                "container", Map.of("image", "python:3.12-slim", "script", "python run.py"), "version", 2));
        Answer b = call("POST", "/api/projects/" + p + "/nodes", Map.of("label", "B",
                "container", Map.of("image", "python:3.12-slim", "script", "cat in/*/fields.json"),
                "version", a.version()));
        Answer link = call("POST", "/api/projects/" + p + "/links", Map.of("from_node_id", a.id(),
                "to_node_id", b.id(), "type", "push", "package_filter", "^result", "mapping", Map.of("y", "x"),
                "version", b.version()));
        assertThat(link.status()).isEqualTo(201);
        Answer params = call("PUT", "/api/projects/" + p + "/nodes/" + a.id() + "/parameters", Map.of(
                "parameters", List.of(Map.of("name", "alpha", "type", "number", "default_value", 0.5)),
                "version", link.version()));
        assertThat(params.status()).isEqualTo(200);

        // a node file goes to S3 by hash and into the job's snapshot
        byte[] script = "print('hi')\n".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> file = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/projects/" + p + "/nodes/" + a.id() + "/files/run.py?executable=true"))
                .header("If-Match", "\"" + params.version() + "\"")
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "text/x-python")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(script)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(file.body()).get("content_hash").asText()).isEqualTo(sha256(script));

        // upload a package file through a presigned URL, then name it in a package
        byte[] data = "1,2,3\n".getBytes(StandardCharsets.UTF_8);
        String hash = sha256(data);
        Answer missing = call("POST", "/api/projects/" + p + "/nodes/" + a.id() + "/packages?data_layer_id="
                + layer, Map.of("label", "in", "files", List.of(Map.of("name", "data.csv", "content_hash", hash,
                "size", data.length))));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().get("field").asText()).isEqualTo("files[0].content_hash");

        Answer url = call("PUT", "/api/projects/" + p + "/objects/" + hash, null);
        assertThat(url.status()).isEqualTo(200);
        assertThat(url.body().isTextual()).isTrue();
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(url.body().asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(call("PUT", "/api/projects/" + p + "/objects/" + hash, null).body().isNull()).isTrue();

        Answer pkg = call("POST", "/api/projects/" + p + "/nodes/" + a.id() + "/packages?data_layer_id=" + layer,
                Map.of("label", "run-1", "fields", Map.of("x", List.of(1, 2)), "files", List.of(Map.of(
                        "name", "data.csv", "content_hash", hash, "size", data.length, "type", "text/csv"))));
        assertThat(pkg.status()).isEqualTo(201);
        assertThat(pkg.body().get("fields").get(0).get("name").asText()).isEqualTo("x");

        long jobA = await().atMost(Duration.ofSeconds(20)).until(() -> jobAt(a.id()), id -> id != null);
        assertThat(eventTypes(jobA)).containsExactly("JobCreated", "JobDispatched");
        String dispatched = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND sequencenumber = 1", String.class, Long.toString(jobA));
        JsonNode spec = JSON.readTree(dispatched).get("spec");
        assertThat(spec.get("fields").get("alpha").asDouble()).isEqualTo(0.5);
        assertThat(spec.get("nodeFiles").get(0).get("name").asText()).isEqualTo("run.py");
        assertThat(spec.get("inputs").get(0).get("packageId").asLong()).isEqualTo(pkg.id());

        String base = "/api/executors/" + executor + "/jobs/" + jobA;
        long other = executor("other");
        assertThat(call("POST", "/api/executors/" + other + "/jobs/" + jobA + "/claim", null).status())
                .as("another executor, with its own credential, claims a job not dispatched to it").isEqualTo(409);
        assertThat(call("POST", "/api/executors/" + executor + "/jobs/" + jobA + "/claim", null,
                EXECUTOR_CREDENTIALS.get(other)).status())
                .as("another executor's credential on this executor's path").isEqualTo(403);
        assertThat(call("POST", base + "/claim", null).status()).isEqualTo(200);
        assertThat(call("POST", base + "/claim", null).status()).isEqualTo(200);
        assertThat(call("POST", base + "/status", Map.of("status", "Queued")).status()).isEqualTo(200);
        assertThat(call("POST", base + "/status", Map.of("status", "Started")).status()).isEqualTo(200);
        assertThat(call("POST", base + "/status", Map.of("status", "Queued")).status()).isEqualTo(409);
        Map<String, Object> complete = Map.of("exit_code", 0, "files", List.of(Map.of("name", jobA + ".log",
                        "content_hash", hash, "size", data.length)),
                "outputs", List.of(
                        Map.of("label", "result-1", "fields", Map.of("x", 42), "files", List.of(Map.of(
                                "name", "data.csv", "content_hash", hash, "size", data.length))),
                        Map.of("label", "other", "fields", Map.of("x", 1), "files", List.of())));
        assertThat(call("POST", base + "/complete", complete).status()).isEqualTo(200);
        assertThat(call("POST", base + "/complete", complete).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> eventTypes(jobA).contains("JobProcessed"));
        assertThat(eventTypes(jobA)).containsExactly("JobCreated", "JobDispatched", "JobClaimed",
                "JobStatusReported", "JobStatusReported", "JobCalculated", "JobUploaded", "JobProduced",
                "JobProcessed");
        // "result-1" passes the filter and arrives at B renamed; "other" stays at A
        long jobB = await().atMost(Duration.ofSeconds(20)).until(() -> jobAt(b.id()), id -> id != null);
        String created = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND sequencenumber = 0", String.class, Long.toString(jobB));
        JsonNode input = JSON.readTree(created).get("spec").get("inputs").get(0);
        assertThat(input.get("label").asText()).isEqualTo("result-1");
        assertThat(input.get("fields").get("y").asInt()).isEqualTo(42);
        assertThat(input.get("fields").has("x")).isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE "
                + "'%PackageCreated' AND convert_from(payload, 'UTF8') LIKE ?", Long.class,
                "%\"projectId\":" + p + ",%")).isEqualTo(4);
    }

    @Test
    void a_gpu_job_goes_nowhere_when_the_executor_has_no_such_gpus() {
        long executor = executor("cpu-and-2-nvidia");
        Answer project = call("POST", "/api/projects", Map.of("name", "gpu", "executor_id", executor));
        long p = project.id();
        long layer = project.body().get("main_data_layer_id").asLong();
        Answer a = call("POST", "/api/projects/" + p + "/nodes", Map.of("label", "train", "container",
                Map.of("image", "pytorch/pytorch:2.4.0", "script", "python train.py", "gpus", 1, "gpu_kind", "amd"),
                "version", 2));
        assertThat(a.status()).isEqualTo(201);
        call("POST", "/api/projects/" + p + "/nodes/" + a.id() + "/packages?data_layer_id=" + layer,
                Map.of("label", "go"));
        long job = await().atMost(Duration.ofSeconds(20)).until(() -> jobAt(a.id()), id -> id != null);
        assertThat(eventTypes(job)).containsExactly("JobCreated", "JobFailed");
    }

}
