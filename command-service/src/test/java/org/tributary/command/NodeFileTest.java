package org.tributary.command;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tributary.command.storage.ObjectStore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A node's files over HTTP: names as the path spells them, the size limit, and nothing kept from a refusal. */
class NodeFileTest extends GraphTestBase {

    private static final int LIMIT = 16 * 1024 * 1024;

    @Autowired
    ObjectStore objects;

    @Test
    void aPlusInTheNameIsAPlus() throws Exception {
        long work = node("work", "compute", null);

        HttpResponse<String> put = put("/nodes/" + work + "/files/c++/main.cpp",
                HttpRequest.BodyPublishers.ofString("int main() {}"));

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(JSON.readTree(put.body()).get("name").asText()).isEqualTo("c++/main.cpp");
    }

    @Test
    void aFileOverTheLimitIsRefusedWith413() throws Exception {
        long work = node("work", "compute", null);
        long before = eventCount();

        HttpResponse<String> declared = put("/nodes/" + work + "/files/big.bin",
                HttpRequest.BodyPublishers.ofByteArray(new byte[LIMIT + 1]));
        // no length given: read up to the limit, and no further
        HttpResponse<String> chunked = put("/nodes/" + work + "/files/big.bin",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[LIMIT + 1])));

        for (HttpResponse<String> refused : java.util.List.of(declared, chunked)) {
            assertThat(refused.statusCode()).isEqualTo(413);
            assertThat(JSON.readTree(refused.body()).get("field").asText()).isEqualTo("body");
        }
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aFileForANodeThatIsNotThereLeavesNothingInTheStore() throws Exception {
        byte[] content = ("orphan " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> refused = put("/nodes/" + Long.MAX_VALUE + "/files/run.py",
                HttpRequest.BodyPublishers.ofByteArray(content));

        assertThat(refused.statusCode()).isEqualTo(404);
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("field").asText()).isEqualTo("node_id");
        assertThat(objects.exists(project, sha256(content))).isFalse();
    }

    private HttpResponse<String> put(String path, HttpRequest.BodyPublisher body) throws IOException,
            InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/projects/" + project
                        + path + "?version=" + version))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "text/plain")
                .PUT(body).build(), HttpResponse.BodyHandlers.ofString());
    }
}
