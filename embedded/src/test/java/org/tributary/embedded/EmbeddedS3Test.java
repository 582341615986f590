package org.tributary.embedded;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedS3Test {

    @TempDir
    Path folder;

    @Test
    void objectsSurviveARestart() throws Exception {
        byte[] content = "a graph's output".getBytes(StandardCharsets.UTF_8);
        try (EmbeddedS3 s3 = EmbeddedS3.start(folder, 0, "key", "secret-key")) {
            MinioClient minio = client(s3, "secret-key");
            minio.makeBucket(MakeBucketArgs.builder().bucket("tributary-project-1").build());
            minio.putObject(PutObjectArgs.builder().bucket("tributary-project-1").object("abc")
                    .stream(new ByteArrayInputStream(content), (long) content.length, -1L)
                    .contentType("text/csv").build());
        }
        try (EmbeddedS3 s3 = EmbeddedS3.start(folder, 0, "key", "secret-key")) {
            MinioClient minio = client(s3, "secret-key");
            assertThat(minio.bucketExists(BucketExistsArgs.builder().bucket("tributary-project-1").build())).isTrue();
            try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket("tributary-project-1").object("abc")
                    .build())) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
            assertThat(minio.statObject(StatObjectArgs.builder().bucket("tributary-project-1").object("abc").build())
                    .contentType()).isEqualTo("text/csv");
        }
    }

    @Test
    void aTransientServerChecksSignatures() throws Exception {
        try (EmbeddedS3 s3 = EmbeddedS3.startTransient(0, "key", "secret-key")) {
            assertThat(s3.endpoint()).isEqualTo("http://127.0.0.1:" + s3.port());
            client(s3, "secret-key").makeBucket(MakeBucketArgs.builder().bucket("scratch").build());
            assertThatThrownBy(() -> client(s3, "wrong-secret").bucketExists(BucketExistsArgs.builder().bucket("scratch")
                    .build())).isInstanceOfSatisfying(ErrorResponseException.class,
                    e -> assertThat(e.errorResponse().code()).isEqualTo("AccessDenied"));
        }
    }

    @Test
    void aBrowserPageMayUploadThroughAPresignedUrl() throws Exception {
        try (EmbeddedS3 s3 = EmbeddedS3.startTransient(0, "key", "secret-key")) {
            MinioClient minio = client(s3, "secret-key");
            minio.makeBucket(MakeBucketArgs.builder().bucket("tributary-project-1").build());
            String url = minio.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Http.Method.PUT)
                    .bucket("tributary-project-1").object("abc").expiry(600).build());
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(url))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "http://127.0.0.1:8080").header("Access-Control-Request-Method", "PUT")
                    .header("Access-Control-Request-Headers", "content-type").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(preflight.statusCode()).isEqualTo(200);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("PUT");

            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(url))
                    .PUT(HttpRequest.BodyPublishers.ofString("from a page")).header("Origin", "http://127.0.0.1:8080")
                    .header("Content-Type", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).isEqualTo(200);
            assertThat(put.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
            try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket("tributary-project-1").object("abc")
                    .build())) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("from a page");
            }
        }
    }

    private static MinioClient client(EmbeddedS3 s3, String secret) {
        return MinioClient.builder().endpoint(s3.endpoint()).credentials(s3.accessKey(), secret)
                .region("us-east-1").build();
    }
}
