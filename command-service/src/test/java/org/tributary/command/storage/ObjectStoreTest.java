package org.tributary.command.storage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.tributary.testsupport.TestS3;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upload URLs are signed for the host clients reach S3 at. Here the service reaches the server as 127.0.0.1 and
 * clients as localhost: two names for one server, as a cluster-internal name and an ingress host are.
 */
class ObjectStoreTest {

    static final TestS3 S3 = TestS3.start();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @AfterAll
    static void stop() {
        S3.close();
    }

    static ObjectStore store(String publicEndpoint) {
        return new ObjectStore(new S3Properties(S3.endpoint(), publicEndpoint, TestS3.ACCESS_KEY, TestS3.SECRET_KEY,
                null, null));
    }

    @Test
    void anUploadUrlNamesThePublicHostAndItsUploadIsAccepted() throws Exception {
        String publicEndpoint = S3.endpoint().replace("127.0.0.1", "localhost");
        ObjectStore store = store(publicEndpoint);
        byte[] data = "1,2,3\n".getBytes(StandardCharsets.UTF_8);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        store.ensureBucket(7);

        String url = store.presignedUpload(7, hash);

        assertThat(url).startsWith(publicEndpoint + "/tributary-project-7/incoming/" + hash + "?");
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        // an upload is stored under its hash only once its bytes are checked
        assertThat(store.exists(7, hash)).isFalse();
        assertThat(store.admit(7, hash)).isEqualTo(org.tributary.storage.Admission.Outcome.STORED);
        assertThat(store.exists(7, hash)).isTrue();
    }

    @Test
    void withoutAPublicEndpointUploadUrlsNameTheEndpoint() {
        assertThat(store(null).presignedUpload(8, "ab".repeat(32))).startsWith(S3.endpoint() + "/");
        assertThat(store(" ").presignedUpload(8, "ab".repeat(32))).startsWith(S3.endpoint() + "/");
    }

    @Test
    void aUrlSignedForOneHostIsRefusedAtAnother() throws Exception {
        String publicEndpoint = S3.endpoint().replace("127.0.0.1", "localhost");
        ObjectStore store = store(publicEndpoint);
        store.ensureBucket(9);
        byte[] data = "x".getBytes(StandardCharsets.UTF_8);
        String url = store.presignedUpload(9, "cd".repeat(32)).replace("localhost", "127.0.0.1");

        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.ofString());

        // why the setting exists: the signature covers the Host header
        assertThat(put.statusCode()).isEqualTo(403);
    }
}
