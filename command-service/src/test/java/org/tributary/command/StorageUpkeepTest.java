package org.tributary.command;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tributary.command.storage.ObjectStore;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The storage upkeep frees what nothing names any more, once it is older than the safe period, and nothing else. */
class StorageUpkeepTest extends GraphTestBase {

    @Autowired
    ObjectStore objects;

    String upload(String content) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String hash = sha256(bytes);
        Answer url = call("PUT", "/api/projects/" + project + "/objects/" + hash, null);
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(url.body().asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);
        return hash;
    }

    long packageWith(long node, String hash, int size) {
        Answer pkg = call("POST", "/api/projects/" + project + "/nodes/" + node + "/packages?data_layer_id=" + layer,
                Map.of("label", "with-file", "files", List.of(Map.of("name", "f.txt", "content_hash", hash,
                        "size", size))));
        assertThat(pkg.status()).as("%s", pkg.body()).isEqualTo(201);
        return pkg.id();
    }

    JsonNode upkeep(String keepFor) {
        Answer report = call("POST", "/api/admin/storage/upkeep?keep_for=" + keepFor + "&project_id=" + project, null);
        assertThat(report.status()).as("%s", report.body()).isEqualTo(200);
        return report.body();
    }

    @Test
    void filesOfDeletedPackagesAndUploadsNeverNamedAreFreedAndNamedOnesKept() throws Exception {
        long store = node("store", "data", null);
        String kept = upload("still named");
        packageWith(store, kept, 11);
        String dropped = upload("named by a deleted package");
        long doomed = packageWith(store, dropped, 26);
        String stray = upload("never named");
        call("DELETE", "/api/projects/" + project + "/nodes/" + store + "/packages/" + doomed, null);
        routed();

        JsonNode report = upkeep("PT0S");

        assertThat(report.get("freed").asLong()).isEqualTo(2);
        assertThat(report.get("freed_bytes").asLong()).isEqualTo(26 + 11);
        assertThat(objects.exists(project, kept)).isTrue();
        assertThat(objects.exists(project, dropped)).isFalse();
        assertThat(objects.objects(project)).extracting(ObjectStore.StoredObject::key).doesNotContain(
                "incoming/" + stray);
    }

    @Test
    void nothingYoungerThanTheSafePeriodIsFreed() throws Exception {
        upload("young and unnamed");

        JsonNode report = upkeep("PT1H");

        assertThat(report.get("freed").asLong()).isZero();
        assertThat(report.get("kept").asLong()).isEqualTo(1);
    }

    @Test
    void aDeletedProjectsObjectsAndBucketGo() throws Exception {
        long store = node("store", "data", null);
        packageWith(store, upload("soon gone"), 9);
        assertThat(call("DELETE", "/api/projects/" + project, null).status()).isEqualTo(204);

        JsonNode report = upkeep("PT0S");

        assertThat(report.get("removed_buckets").asInt()).isEqualTo(1);
        assertThat(objects.projectsWithBuckets()).doesNotContain(project);
    }

    @Test
    void aBadSafePeriodIsRefusedNamingIt() {
        Answer refused = call("POST", "/api/admin/storage/upkeep?keep_for=tomorrow", null);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("field").asText()).isEqualTo("keep_for");
    }
}
