package org.tributary.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The standalone platform as its own process, stopped the way a terminal or a service manager stops it: by a signal
 * (SIGTERM here; Ctrl-C's SIGINT takes the same path) while a job runs. Every part closes in its order, nothing
 * complains, and no process is left: neither PostgreSQL nor the job's runner and script.
 */
class StopSignalTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void aSignalStopsEveryPartInOrderWithoutAComplaintAndLeavesNoProcess() throws Exception {
        String sleeper = "sleep " + (300 + (int) (ProcessHandle.current().pid() % 97));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                TributaryStandalone.class.getName(), "--port=0", "--demo",
                "--data-dir=" + dataDir));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // no TRIBUTARY_* from the test's environment: every part is the embedded one
        builder.environment().keySet().removeIf(name -> name.startsWith("TRIBUTARY_"));
        Process process = builder.start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch running = new CountDownLatch(1);
        String[] url = new String[1];
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.add(line);
                    if (line.startsWith("Tributary is running at ")) {
                        url[0] = line.substring("Tributary is running at ".length()).split(" ")[0];
                        running.countDown();
                    }
                }
            } catch (Exception e) {
                output.add("reading failed: " + e);
            }
        });
        reader.start();
        List<ProcessHandle> job;
        try {
            assertThat(running.await(120, TimeUnit.SECONDS)).as("started; its output: %s", output).isTrue();
            Long executor = await().atMost(Duration.ofSeconds(30)).until(() -> demoExecutor(url[0]),
                    Objects::nonNull);
            JsonNode project = post(url[0] + "api/projects", Map.of("name", "sleepy", "executor_id", executor));
            String projectPath = url[0] + "api/projects/" + project.get("id").asLong();
            JsonNode node = post(projectPath + "/nodes", Map.of("label", "sleep", "kind", "compute",
                    "container", Map.of("image", "debian:12-slim", "script", sleeper),
                    "version", project.get("version").asLong()));
            post(projectPath + "/nodes/" + node.get("id").asLong() + "/packages?data_layer_id="
                    + project.get("main_data_layer_id").asLong(), Map.of("label", "zzz", "fields", Map.of()));
            job = await().atMost(Duration.ofSeconds(60)).until(
                    () -> process.descendants().toList(), all -> all.stream().anyMatch(p -> p.info().commandLine()
                            .map(c -> c.contains(sleeper)).orElse(false)));
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
        assertThat(job).as("the job's runner and script outlive no platform")
                .noneMatch(ProcessHandle::isAlive);
        assertThat(Files.readString(dataDir.resolve("postgres").resolve("postgres.log")))
                .contains("database system is shut down");
    }

    static Long demoExecutor(String url) throws Exception {
        for (JsonNode project : JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url + "api/projects"))
                .build(), HttpResponse.BodyHandlers.ofString()).body())) {
            if ("demo".equals(project.get("name").asText()) && !project.get("executor_id").isNull()) {
                return project.get("executor_id").asLong();
            }
        }
        return null;
    }

    static JsonNode post(String url, Object body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST " + url + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }
}
