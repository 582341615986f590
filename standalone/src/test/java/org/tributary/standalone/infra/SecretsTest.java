package org.tributary.standalone.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {

    @TempDir
    Path dataDir;

    @Test
    void aSecretIsMadeOnceAndKeptForTheNextStart() {
        String first = Secrets.of(dataDir, "s3-secret-key");
        assertThat(first).hasSizeGreaterThanOrEqualTo(40).matches("[A-Za-z0-9_-]+");
        assertThat(Secrets.of(dataDir, "s3-secret-key")).isEqualTo(first);
    }

    @Test
    void eachDataFolderHasItsOwn(@TempDir Path other) {
        assertThat(Secrets.of(dataDir, "s3-secret-key")).isNotEqualTo(Secrets.of(other, "s3-secret-key"));
    }

    @Test
    void onlyItsOwnerCanReadIt() throws Exception {
        Secrets.of(dataDir, "s3-secret-key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("secrets"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dataDir.resolve("secrets/s3-secret-key")))).isEqualTo("rw-------");
    }
}
