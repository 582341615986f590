package org.tributary.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FileFactsTest {

    @TempDir
    Path dir;

    @Test
    void describesATextFile() throws IOException {
        Path file = Files.writeString(dir.resolve("data.csv"), "ä,b\n1,2\n");

        FileFacts facts = FileFacts.of(file);

        assertThat(facts.contentHash())
                .isEqualTo(FakeExecutorApi.sha256("ä,b\n1,2\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(facts.size()).isEqualTo(9);
        assertThat(facts.binary()).isFalse();
        assertThat(facts.type()).isEqualTo("text/csv");
    }

    @Test
    void describesABinaryFileWithoutAKnownExtension() throws IOException {
        Path file = Files.write(dir.resolve("blob"), new byte[]{1, 0, (byte) 0xff, 2});

        FileFacts facts = FileFacts.of(file);

        assertThat(facts.binary()).isTrue();
        assertThat(facts.type()).isEqualTo("application/octet-stream");
    }

    @Test
    void namesTypesByExtension() {
        assertThat(FileFacts.contentType("result.h5", true)).isEqualTo("application/x-hdf");
        assertThat(FileFacts.contentType("plot.PNG", true)).isEqualTo("image/png");
        assertThat(FileFacts.contentType("7.log", false)).isEqualTo("text/plain");
        assertThat(FileFacts.contentType("label", false)).isEqualTo("text/plain");
        assertThat(FileFacts.contentType("weights.unknownext", true)).isEqualTo("application/octet-stream");
    }

    @Test
    void aMultiByteCharacterCutByTheSampleIsStillText() {
        byte[] text = "é".repeat(600).getBytes(StandardCharsets.UTF_8);
        byte[] head = java.util.Arrays.copyOf(text, 1023);

        assertThat(FileFacts.looksBinary(head, true)).isFalse();
        assertThat(FileFacts.looksBinary(new byte[]{(byte) 0xC3, 'a', 'b'}, false)).isTrue();
    }
}
