package org.tributary.embedded;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * An S3-compatible server (s3proxy) on 127.0.0.1, with AWS v2/v4 signatures checked against one access key. Buckets
 * are folders and objects files under the given folder ({@link #start(Path, int, String, String)}), or kept in
 * memory ({@link #startTransient(int, String, String)}). Clients use path-style addressing and region
 * {@code us-east-1}, as with MinIO.
 */
public final class EmbeddedS3 implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedS3.class);
    private static final String HOST = "127.0.0.1";

    private final S3Proxy proxy;
    private final String accessKey;
    private final String secretKey;
    private final Duration startTime;

    private EmbeddedS3(S3Proxy proxy, String accessKey, String secretKey, Duration startTime) {
        this.proxy = proxy;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.startTime = startTime;
    }

    /** Objects under {@code folder} (created if missing), kept across restarts. */
    public static EmbeddedS3 start(Path folder, int port, String accessKey, String secretKey) {
        try {
            Path absolute = folder.toAbsolutePath().normalize();
            Files.createDirectories(absolute);
            Properties properties = new Properties();
            properties.setProperty("jclouds.filesystem.basedir", absolute.toString());
            return launch(BlobStores.create("filesystem", properties), port, accessKey, secretKey, absolute.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Objects in memory, gone on {@link #close()}. */
    public static EmbeddedS3 startTransient(int port, String accessKey, String secretKey) {
        return launch(BlobStores.create("transient", new Properties()), port, accessKey, secretKey, "in memory");
    }

    private static EmbeddedS3 launch(BlobStore store, int port, String accessKey, String secretKey, String where) {
        long began = System.nanoTime();
        S3Proxy proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://" + HOST + ":" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                // the web app uploads and downloads through presigned URLs from its own origin, as MinIO allows by
                // default: the signature in the URL is the authority, not the origin
                .corsRules(new CrossOriginResourceSharing(List.of("*"), List.of("GET", "PUT", "HEAD"), List.of("*"),
                        List.of("ETag"), "false"))
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException("the S3 server did not start on port " + port, e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                stopQuietly(proxy);
                throw new IllegalStateException("the S3 server did not start in 30 s");
            }
            EmbeddedPostgres.pause(5);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        log.info("S3 server on port {} ({}) started in {} ms", proxy.getPort(), where, took.toMillis());
        return new EmbeddedS3(proxy, accessKey, secretKey, took);
    }

    /** {@code http://127.0.0.1:<port>} */
    public String endpoint() {
        return "http://" + HOST + ":" + port();
    }

    public int port() {
        return proxy.getPort();
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public Duration startTime() {
        return startTime;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the S3 server did not stop", e);
        }
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception ignored) {
            // already failing
        }
    }
}
