package org.tributary.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone platform as its own process, stopped the way a terminal or a service manager stops it: by a signal
 * (SIGTERM here; Ctrl-C's SIGINT takes the same path). Every part closes in its order, nothing complains, and no
 * process is left on the data folder.
 */
class StopSignalTest {

    @TempDir
    Path dataDir;

    @Test
    void aSignalStopsEveryPartInOrderWithoutAComplaintAndLeavesNoProcess() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                TributaryStandalone.class.getName(), "--port=0", "--data-dir=" + dataDir));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // no TRIBUTARY_* from the test's environment: every part is the embedded one
        builder.environment().keySet().removeIf(name -> name.startsWith("TRIBUTARY_"));
        Process process = builder.start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch running = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.add(line);
                    if (line.startsWith("Tributary is running at ")) {
                        running.countDown();
                    }
                }
            } catch (Exception e) {
                output.add("reading failed: " + e);
            }
        });
        reader.start();
        try {
            assertThat(running.await(120, TimeUnit.SECONDS)).as("started; its output: %s", output).isTrue();
            int before = output.size();

            process.destroy();

            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped; its output: %s", output).isTrue();
            reader.join(5_000);
            assertThat(process.exitValue()).as("the status of a process ended by SIGTERM").isEqualTo(128 + 15);
            assertThat(output.subList(before, output.size())).as("what it said while stopping")
                    .noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR ")
                            || line.contains("Exception"));
        } finally {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(StandaloneTest.processesOn(dataDir)).as("no process outlives the platform").isEmpty();
        assertThat(Files.readString(dataDir.resolve("postgres").resolve("postgres.log")))
                .contains("database system is shut down");
    }
}
