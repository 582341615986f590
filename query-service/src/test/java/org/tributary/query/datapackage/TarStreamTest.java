package org.tributary.query.datapackage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The archive's format, as Python's tarfile (the original clients' reader) reads it. */
class TarStreamTest {

    static final String LONG = "7/files/" + "deep/".repeat(30) + "résumé.txt";

    static byte[] archive() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarStream tar = new TarStream(out);
        tar.entry("7/label", "run-1".getBytes(StandardCharsets.UTF_8));
        tar.entry(LONG, "long".getBytes(StandardCharsets.UTF_8));
        tar.finish();
        return out.toByteArray();
    }

    @Test
    void entriesAreWholeBlocksEndingInTwoZeroBlocks() throws IOException {
        byte[] tar = archive();

        assertThat(tar.length % TarStream.BLOCK).isZero();
        assertThat(new String(tar, 0, 7, StandardCharsets.US_ASCII)).isEqualTo("7/label");
        assertThat(new String(tar, 257, 5, StandardCharsets.US_ASCII)).isEqualTo("ustar");
    }

    @Test
    void aPaxRecordCountsItsOwnLength() {
        byte[] record = TarStream.paxRecord("path", "x".repeat(93));

        assertThat(new String(record, StandardCharsets.UTF_8)).startsWith(record.length + " path=");
    }

    @Test
    void aFileShorterThanItsPackageSaysFailsTheArchive() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> new TarStream(out).entry("1/files/x", 10,
                new java.io.ByteArrayInputStream(new byte[3]))).isInstanceOf(IOException.class);
    }

    @Test
    void pythonsTarfileReadsLongAndUnicodeNames(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")) || Files.isExecutable(Path.of("/usr/local/bin/python3")),
                "python3 is here");
        Path file = dir.resolve("a.tar");
        Files.write(file, archive());
        Process python = new ProcessBuilder("python3", "-c", "import sys, tarfile\n"
                + "t = tarfile.open(sys.argv[1])\n"
                + "for m in t.getmembers(): print(m.name, m.size, oct(m.mode), m.mtime, t.extractfile(m).read().decode())",
                file.toString()).redirectErrorStream(true).start();
        assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String printed = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(printed).isEqualTo("7/label 5 0o644 0 run-1\n" + LONG + " 4 0o644 0 long\n");
    }

    @Test
    void pythonsTarfileReadsTheSizeOfAFileOfMoreThan8GiB(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")) || Files.isExecutable(Path.of("/usr/local/bin/python3")),
                "python3 is here");
        long size = TarStream.MAX_USTAR_SIZE + 2;
        Path file = dir.resolve("big.tar");
        // the 8 GiB of zeros become a hole in a sparse file: nothing is written for them, nor read back
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
            SkippingZeros out = new SkippingZeros(channel);
            TarStream tar = new TarStream(out);
            tar.entry("1/files/huge.bin", size, new Zeros(size));
            tar.entry("1/label", "after".getBytes(StandardCharsets.UTF_8));
            tar.finish();
            out.close();
        }
        Process python = new ProcessBuilder("python3", "-c", "import sys, tarfile\n"
                + "t = tarfile.open(sys.argv[1])\n"
                + "for m in t.getmembers(): print(m.name, m.size)\n"
                + "print(t.extractfile('1/label').read().decode())", file.toString()).redirectErrorStream(true).start();
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String printed = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(printed).isEqualTo("1/files/huge.bin " + size + "\n1/label 5\nafter\n");
    }

    /** {@code size} zero bytes, without filling a buffer (the caller's is zeros already). */
    private static final class Zeros extends java.io.InputStream {
        private long left;

        Zeros(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            return left-- > 0 ? 0 : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            java.util.Arrays.fill(buffer, offset, offset + n, (byte) 0);
            left -= n;
            return n;
        }
    }

    /** Writes to a file, leaving a hole wherever a whole write is zeros. */
    private static final class SkippingZeros extends java.io.OutputStream {
        private static final byte[] ZERO = new byte[64 * 1024];
        private final java.nio.channels.FileChannel channel;

        SkippingZeros(java.nio.channels.FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length <= ZERO.length && java.util.Arrays.mismatch(bytes, offset, offset + length, ZERO, 0, length) < 0) {
                channel.position(channel.position() + length);
            } else {
                channel.write(java.nio.ByteBuffer.wrap(bytes, offset, length));
            }
        }

        /** The archive ends in zero blocks: the file's length must reach them. */
        @Override
        public void close() throws IOException {
            if (channel.size() < channel.position()) {
                channel.write(java.nio.ByteBuffer.wrap(new byte[1]), channel.position() - 1);
            }
        }
    }
}
