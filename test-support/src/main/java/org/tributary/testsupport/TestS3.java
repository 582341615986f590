package org.tributary.testsupport;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.auth.AuthenticationType;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** An S3-compatible server (s3proxy over a temporary folder) on a free local port. Close it when done. */
public final class TestS3 implements AutoCloseable {

    public static final String ACCESS_KEY = "tributary";
    public static final String SECRET_KEY = "tributary-secret";

    private final S3Proxy proxy;
    private final Path folder;

    private TestS3(S3Proxy proxy, Path folder) {
        this.proxy = proxy;
        this.folder = folder;
    }

    public static TestS3 start() {
        try {
            Path folder = Files.createTempDirectory("tributary-s3-");
            Properties properties = new Properties();
            properties.setProperty("jclouds.filesystem.basedir", folder.toString());
            BlobStore store = BlobStores.create("filesystem", properties);
            S3Proxy proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("s3proxy did not start in 30 s");
                }
                Thread.onSpinWait();
            }
            return new TestS3(proxy, folder);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test S3 server", e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
