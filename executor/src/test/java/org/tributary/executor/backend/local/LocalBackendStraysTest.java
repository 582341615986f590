package org.tributary.executor.backend.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LocalBackendStraysTest {

    @TempDir
    Path work;

    @Test
    void aProcessStillWorkingInAJobsFolderIsAStrayOfThatJobOnly() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/cwd")), "/proc tells a process's folder");
        Path job = Files.createDirectories(work.resolve("42"));
        Path below = Files.createDirectories(job.resolve("out"));
        Path other = Files.createDirectories(work.resolve("420"));
        Process script = new ProcessBuilder("sleep", "300").directory(below.toFile()).start();
        try {
            assertThat(LocalBackend.strays(job)).extracting(ProcessHandle::pid).containsExactly(script.pid());
            assertThat(LocalBackend.strays(other)).isEmpty();
        } finally {
            script.destroyForcibly();
        }
    }
}
