package org.tributary.embedded;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
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

    private static MinioClient client(EmbeddedS3 s3, String secret) {
        return MinioClient.builder().endpoint(s3.endpoint()).credentials(s3.accessKey(), secret)
                .region("us-east-1").build();
    }
}
