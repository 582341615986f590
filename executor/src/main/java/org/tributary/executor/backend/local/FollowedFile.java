package org.tributary.executor.backend.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * A file that another process appends to, read as it grows: at its end, the read waits while the writer runs, and
 * the stream ends once the writer has ended and everything it wrote was read. A local file has no change
 * notification worth its cost here, so the wait is a short sleep.
 */
final class FollowedFile extends InputStream {

    private static final long PAUSE_MILLIS = 200;

    private final RandomAccessFile file;
    private final BooleanSupplier writing;

    FollowedFile(Path path, BooleanSupplier writing) throws IOException {
        this.file = new RandomAccessFile(path.toFile(), "r");
        this.writing = writing;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        while (true) {
            // asked before reading: a writer that ended before this read left all it wrote behind it
            boolean alive = writing.getAsBoolean();
            int n = file.read(buffer, offset, length);
            if (n > 0) {
                return n;
            }
            if (!alive) {
                return -1;
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while following a log");
            }
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
