package org.tributary.testsupport;

import org.tributary.embedded.EmbeddedS3;
import org.tributary.embedded.Folders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** An S3-compatible server (s3proxy over a temporary folder) on a free local port. Close it when done. */
public final class TestS3 implements AutoCloseable {

    public static final String ACCESS_KEY = "tributary";
    public static final String SECRET_KEY = "tributary-secret";

    private final EmbeddedS3 server;
    private final Path folder;

    private TestS3(EmbeddedS3 server, Path folder) {
        this.server = server;
        this.folder = folder;
    }

    public static TestS3 start() {
        Path folder;
        try {
            folder = Files.createTempDirectory("tributary-s3-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestS3(EmbeddedS3.start(folder, 0, ACCESS_KEY, SECRET_KEY), folder);
    }

    public String endpoint() {
        return server.endpoint();
    }

    @Override
    public void close() {
        server.close();
        Folders.deleteRecursively(folder); // a temp folder left behind is harmless
    }
}
