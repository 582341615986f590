package org.tributary.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tributary.testsupport.TestS3;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Objects enter a bucket under their hash only with the bytes that hash says, through a real S3 server. */
class AdmissionTest {

    static TestS3 s3;
    static MinioClient minio;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final AtomicInteger PROJECTS = new AtomicInteger(1000);

    @BeforeAll
    static void start() {
        s3 = TestS3.start();
        minio = MinioClient.builder().endpoint(s3.endpoint()).credentials(TestS3.ACCESS_KEY, TestS3.SECRET_KEY)
                .region("us-east-1").build();
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    static String bucket() throws Exception {
        String bucket = Admission.bucket(PROJECTS.incrementAndGet());
        if (!minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        }
        return bucket;
    }

    /** As a client does: PUT the bytes to a presigned URL for incoming/<sha256>. */
    static int upload(String bucket, String sha256, byte[] bytes) throws Exception {
        return upload(bucket, sha256, bytes, "application/octet-stream");
    }

    static int upload(String bucket, String sha256, byte[] bytes, String contentType) throws Exception {
        String url = minio.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Http.Method.PUT)
                .bucket(bucket).object(Admission.incomingKey(sha256)).expiry(600).build());
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    static String sha256(byte[] bytes) throws Exception {
        return Admission.sha256(new ByteArrayInputStream(bytes));
    }

    static String stored(String bucket, String sha256) throws Exception {
        try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket(bucket).object(sha256).build())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static boolean exists(String bucket, String key) throws Exception {
        try {
            minio.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return true;
        } catch (ErrorResponseException e) {
            return false;
        }
    }

    @Test
    void anUploadWhoseBytesMatchItsHashIsStoredUnderTheHash() throws Exception {
        String bucket = bucket();
        byte[] bytes = "1,2,3\n".getBytes(StandardCharsets.UTF_8);
        String hash = sha256(bytes);
        assertThat(upload(bucket, hash, bytes)).isEqualTo(200);

        assertThat(Admission.admit(minio, bucket, hash)).isEqualTo(Admission.Outcome.STORED);

        assertThat(stored(bucket, hash)).isEqualTo("1,2,3\n");
        assertThat(exists(bucket, Admission.incomingKey(hash))).isFalse();
    }

    @Test
    void anUploadOfOtherBytesIsDeletedAndNeverStored() throws Exception {
        String bucket = bucket();
        String hash = sha256("the real content".getBytes(StandardCharsets.UTF_8));
        upload(bucket, hash, "forged".getBytes(StandardCharsets.UTF_8));

        assertThat(Admission.admit(minio, bucket, hash)).isEqualTo(Admission.Outcome.MISMATCH);

        assertThat(exists(bucket, hash)).isFalse();
        assertThat(exists(bucket, Admission.incomingKey(hash))).isFalse();
    }

    @Test
    void aStoredObjectCannotBeOverwrittenThroughAnOldUploadUrl() throws Exception {
        String bucket = bucket();
        byte[] bytes = "genuine".getBytes(StandardCharsets.UTF_8);
        String hash = sha256(bytes);
        upload(bucket, hash, bytes);
        Admission.admit(minio, bucket, hash);

        upload(bucket, hash, "forged later".getBytes(StandardCharsets.UTF_8));

        assertThat(Admission.admit(minio, bucket, hash)).isEqualTo(Admission.Outcome.STORED);
        assertThat(stored(bucket, hash)).isEqualTo("genuine");
    }

    @Test
    void manyObjectsAreToldApartInOneGo() throws Exception {
        String bucket = bucket();
        byte[] old = "stored before".getBytes(StandardCharsets.UTF_8);
        byte[] fresh = "uploaded now".getBytes(StandardCharsets.UTF_8);
        String forged = sha256("what it should be".getBytes(StandardCharsets.UTF_8));
        String absent = sha256("never uploaded".getBytes(StandardCharsets.UTF_8));
        upload(bucket, sha256(old), old);
        Admission.admit(minio, bucket, sha256(old));
        upload(bucket, sha256(fresh), fresh);
        upload(bucket, forged, "forged".getBytes(StandardCharsets.UTF_8));
        io.minio.MinioAsyncClient lookups = io.minio.MinioAsyncClient.builder().endpoint(s3.endpoint())
                .credentials(TestS3.ACCESS_KEY, TestS3.SECRET_KEY).region("us-east-1").build();

        var outcomes = Admission.admitAll(minio, lookups, bucket,
                java.util.List.of(sha256(old), sha256(fresh), forged, absent, sha256(fresh)));

        assertThat(outcomes).containsExactly(java.util.Map.entry(sha256(old), Admission.Outcome.STORED),
                java.util.Map.entry(sha256(fresh), Admission.Outcome.STORED),
                java.util.Map.entry(forged, Admission.Outcome.MISMATCH),
                java.util.Map.entry(absent, Admission.Outcome.MISSING));
        assertThat(stored(bucket, sha256(fresh))).isEqualTo("uploaded now");
        assertThat(exists(bucket, forged)).isFalse();
    }

    @Test
    void theBytesOfSmallUploadsAskedForAreKeptWhenTheyAreAdmitted() throws Exception {
        String bucket = bucket();
        byte[] fields = "{\"n\": 1}".getBytes(StandardCharsets.UTF_8);
        byte[] big = "0123456789".repeat(10).getBytes(StandardCharsets.UTF_8);
        byte[] other = "not asked for".getBytes(StandardCharsets.UTF_8);
        for (byte[] bytes : java.util.List.of(fields, big, other)) {
            upload(bucket, sha256(bytes), bytes);
        }

        Admission.Admitted admitted = Admission.admitAll(minio, lookups(), bucket,
                java.util.List.of(sha256(fields), sha256(big), sha256(other)),
                java.util.Set.of(sha256(fields), sha256(big)), 64);

        assertThat(admitted.outcomes()).containsOnlyKeys(sha256(fields), sha256(big), sha256(other))
                .allSatisfy((hash, outcome) -> assertThat(outcome).isEqualTo(Admission.Outcome.STORED));
        assertThat(admitted.contents()).containsOnlyKeys(sha256(fields));
        assertThat(admitted.contents().get(sha256(fields))).isEqualTo(fields);
        assertThat(stored(bucket, sha256(big))).isEqualTo(new String(big, StandardCharsets.UTF_8));
    }

    @Test
    void anUploadReplacedAfterItWasLookedUpIsReadAgainAsItIsNow() throws Exception {
        String bucket = bucket();
        byte[] genuine = "genuine".getBytes(StandardCharsets.UTF_8);
        String hash = sha256(genuine);
        upload(bucket, hash, "forged first".getBytes(StandardCharsets.UTF_8));
        String lookedUp = Admission.unquoted(minio.statObject(StatObjectArgs.builder().bucket(bucket)
                .object(Admission.incomingKey(hash)).build()).etag());
        upload(bucket, hash, genuine);

        assertThat(Admission.admit(minio, bucket, hash, lookedUp, 0).outcome()).isEqualTo(Admission.Outcome.STORED);

        assertThat(stored(bucket, hash)).isEqualTo("genuine");
        assertThat(exists(bucket, Admission.incomingKey(hash))).isFalse();
    }

    static io.minio.MinioAsyncClient lookups() {
        return io.minio.MinioAsyncClient.builder().endpoint(s3.endpoint())
                .credentials(TestS3.ACCESS_KEY, TestS3.SECRET_KEY).region("us-east-1").build();
    }

    @Test
    void aLargeUploadIsCopiedUnderItsHash() throws Exception {
        String bucket = bucket();
        byte[] large = new byte[Admission.STORE_READ_UP_TO + 1];
        java.util.Arrays.fill(large, (byte) 'x');
        String hash = sha256(large);
        upload(bucket, hash, large);

        assertThat(Admission.admitAll(minio, lookups(), bucket, java.util.List.of(hash)))
                .containsExactly(java.util.Map.entry(hash, Admission.Outcome.STORED));

        assertThat(stored(bucket, hash)).hasSize(large.length).isEqualTo(new String(large, StandardCharsets.UTF_8));
        assertThat(exists(bucket, Admission.incomingKey(hash))).isFalse();
    }

    @Test
    void aStoredObjectKeepsTheContentTypeItWasUploadedWith() throws Exception {
        String bucket = bucket();
        byte[] bytes = "a,b\n".getBytes(StandardCharsets.UTF_8);
        String hash = sha256(bytes);
        upload(bucket, hash, bytes, "text/csv");

        Admission.admitAll(minio, lookups(), bucket, java.util.List.of(hash));

        assertThat(minio.statObject(StatObjectArgs.builder().bucket(bucket).object(hash).build()).contentType())
                .isEqualTo("text/csv");
    }

    @Test
    void anObjectAnotherAdmissionStoresBetweenTheLookupsIsStoredNotMissing() throws Exception {
        String bucket = bucket();
        byte[] bytes = "{}".getBytes(StandardCharsets.UTF_8);
        String hash = sha256(bytes);
        upload(bucket, hash, bytes);
        // the first look for the stored object misses; then another job's admission stores it and removes the
        // upload, before this one looks for the upload
        io.minio.MinioAsyncClient racing = new io.minio.MinioAsyncClient(lookups()) {
            final AtomicInteger storedLooks = new AtomicInteger();

            @Override
            public java.util.concurrent.CompletableFuture<io.minio.StatObjectResponse> statObject(
                    StatObjectArgs args) {
                var answer = super.statObject(args);
                if (args.object().equals(hash) && storedLooks.getAndIncrement() == 0) {
                    answer.handle((stat, failure) -> null).join();
                    try {
                        Admission.admit(minio, bucket, hash);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                return answer;
            }
        };

        assertThat(Admission.admitAll(minio, racing, bucket, java.util.List.of(hash)))
                .containsExactly(java.util.Map.entry(hash, Admission.Outcome.STORED));
    }

    @Test
    void nothingUploadedIsMissing() throws Exception {
        assertThat(Admission.admit(minio, bucket(), "f".repeat(64))).isEqualTo(Admission.Outcome.MISSING);
    }

    @Test
    void theHashIsOfTheBytesAsStreamed() throws Exception {
        assertThat(sha256(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Admission.admit(minio, "no-such-bucket-" + PROJECTS.incrementAndGet(), "a".repeat(64)))
                .isEqualTo(Admission.Outcome.MISSING);
    }
}
