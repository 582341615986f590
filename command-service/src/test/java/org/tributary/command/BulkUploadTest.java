package org.tributary.command;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Several packages in one request: each made as one upload would be, in one transaction, or none at all. */
class BulkUploadTest extends GraphTestBase {

    String batchPath(long node) {
        return "/api/projects/" + project + "/nodes/" + node + "/packages/batch?data_layer_id=" + layer;
    }

    @Test
    void makesEveryPackageInOrderAndAJobForEach() {
        long compute = node("compute", "compute", null);

        Answer answer = call("POST", batchPath(compute), Map.of("packages", List.of(
                Map.of("label", "a", "fields", Map.of("n", 1)),
                Map.of("label", "b", "fields", Map.of("n", 2)),
                Map.of("label", "c"))));

        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(201);
        assertThat(answer.body().get("total").asInt()).isEqualTo(3);
        List<String> labels = new ArrayList<>();
        answer.body().get("items").forEach(item -> labels.add(item.get("label").asText()));
        assertThat(labels).containsExactly("a", "b", "c");
        JsonNode first = answer.body().get("items").get(0);
        assertThat(first.get("fields").get(0).get("name").asText()).isEqualTo("n");
        assertThat(first.get("node_id").asLong()).isEqualTo(compute);
        assertThat(first.get("data_layer_id").asLong()).isEqualTo(layer);
        assertThat(packagesAt(compute)).containsExactly("a", "b", "c");
        await().atMost(PATIENCE).until(() -> jobsAt(compute).size() == 3);
    }

    @Test
    void appendsTheBatchInOneTransaction() {
        long inbox = node("inbox", "data", null);

        Answer answer = call("POST", batchPath(inbox), Map.of("packages", List.of(
                Map.of("label", "x"), Map.of("label", "y"))));

        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(201);
        List<Long> transactions = jdbc.queryForList("SELECT DISTINCT xmin::text::bigint FROM domainevententry "
                + "WHERE payloadtype LIKE '%.PackageCreated' AND convert_from(payload, 'UTF8') LIKE ?", Long.class,
                "%\"nodeId\":" + inbox + ",%");
        assertThat(transactions).hasSize(1);
    }

    @Test
    void refusesTheWholeBatchNamingThePackageAtFaultAndWritesNothing() {
        long inbox = node("inbox", "data", null);
        long before = eventCount();

        Answer answer = call("POST", batchPath(inbox), Map.of("packages", List.of(
                Map.of("label", "fine"),
                Map.of("label", "missing file", "files", List.of(Map.of("name", "a.txt",
                        "content_hash", "0".repeat(64), "size", 1))))));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("field").asText()).isEqualTo("packages[1].files[0].content_hash");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void refusesAPackageTheAggregateRefusesByItsPlace() {
        long inbox = node("inbox", "data", null);
        long before = eventCount();

        Answer answer = call("POST", batchPath(inbox), Map.of("packages", List.of(
                Map.of("label", "fine"), Map.of("label", "x".repeat(300)))));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("field").asText()).isEqualTo("packages[1].label");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void refusesAnEmptyBatchAndOneTooLarge() {
        long inbox = node("inbox", "data", null);
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i <= 1_000; i++) {
            tooMany.add(Map.of("label", "p" + i));
        }

        Answer empty = call("POST", batchPath(inbox), Map.of("packages", List.of()));
        Answer large = call("POST", batchPath(inbox), Map.of("packages", tooMany));

        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body().get("field").asText()).isEqualTo("packages");
        assertThat(large.status()).isEqualTo(400);
        assertThat(large.body().get("field").asText()).isEqualTo("packages");
        assertThat(packagesAt(inbox)).isEmpty();
    }

    @Test
    void refusesAMissingPackageByItsPlace() {
        long inbox = node("inbox", "data", null);
        List<Object> withHole = new ArrayList<>();
        withHole.add(Map.of("label", "first"));
        withHole.add(null);

        Answer answer = call("POST", batchPath(inbox), Map.of("packages", withHole));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("field").asText()).isEqualTo("packages[1]");
        assertThat(packagesAt(inbox)).isEmpty();
    }

    @Test
    void refusesAPackageNamingAnotherLayerThanTheQuery() {
        long inbox = node("inbox", "data", null);

        Answer answer = call("POST", batchPath(inbox), Map.of("packages", List.of(
                Map.of("label", "a"), Map.of("label", "b", "data_layer_id", layer + 1000))));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("field").asText()).isEqualTo("packages[1].data_layer_id");
    }
}
