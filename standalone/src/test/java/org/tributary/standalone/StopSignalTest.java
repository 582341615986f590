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
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The standalone platform as its own process, stopped the way a service manager stops it (SIGTERM to the JVM) or a
 * terminal does (Ctrl-C: SIGINT to the whole foreground process group) while a job runs. Every part closes in its
 * order, nothing complains, and no process is left: neither PostgreSQL nor the job's runner and script. The next
 * start fails the interrupted job as ExecutorRestarted.
 */
class StopSignalTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Path SETSID = Path.of("/usr/bin/setsid");
    static final Path PERL = Path.of("/usr/bin/perl");

    @TempDir
    Path dataDir;

    /** The admin's access token at the platform running now. */
    static volatile String token;

    /** Logs in as the first admin, whose password the first start made and kept in the data folder. */
    static void signIn(String url, Path dataDir) throws Exception {
        String password = Files.readString(dataDir.resolve("secrets").resolve("admin-password")).strip();
        token = null;
        token = post(url + "api/auth/login", Map.of("login", "admin", "password", password))
                .get("access_token").asText();
    }

    static HttpRequest.Builder request(String url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    @Test
    void sigtermStopsEveryPartInOrderWithoutAComplaintAndLeavesNoProcess() throws Exception {
        stopsCleanlyWhileAJobRuns(false);
    }

    @Test
    void ctrlCAtTheTerminalStopsItTheSameWayAndTheNextStartFailsTheJobAsExecutorRestarted() throws Exception {
        assumeThat(Files.isExecutable(SETSID) && Files.isExecutable(PERL))
                .as("setsid makes the platform lead a process group; perl gives it SIGINT's default").isTrue();
        Sleeper sleeper = stopsCleanlyWhileAJobRuns(true);

        try (Standalone again = Standalone.start(dataDir, false)) {
            assertThat(again.output).noneMatch(line -> line.startsWith("First start"));
            signIn(again.url, dataDir);
            JsonNode job = await().atMost(Duration.ofSeconds(30)).until(() -> sleeper.job(again.url),
                    j -> j != null && "Error".equals(j.get("status").asText()));
            // not RunnerFailed: the terminal's signal did not reach the runner, the platform stopped it
            assertThat(job.get("error").asText()).isEqualTo("ExecutorRestarted");
        }
    }

    /** Starts the platform, starts a job that sleeps, stops the platform by a signal, checks what is left. */
    Sleeper stopsCleanlyWhileAJobRuns(boolean asATerminalDoes) throws Exception {
        String script = "sleep " + (300 + (int) (ProcessHandle.current().pid() % 97));
        List<ProcessHandle> job;
        Sleeper sleeper;
        try (Standalone platform = Standalone.start(dataDir, asATerminalDoes)) {
            await("a first start shows the admin's password once").atMost(Duration.ofSeconds(10))
                    .until(() -> List.copyOf(platform.output).stream()
                            .anyMatch(line -> line.startsWith("First start: log in as \"admin\"")));
            signIn(platform.url, dataDir);
            Long executor = await().atMost(Duration.ofSeconds(30)).until(() -> demoExecutor(platform.url),
                    Objects::nonNull);
            sleeper = Sleeper.post(platform.url, executor, script);
            job = await().atMost(Duration.ofSeconds(60)).until(
                    () -> platform.process.descendants().toList(), all -> all.stream().anyMatch(p -> p.info()
                            .commandLine().map(c -> c.contains(script)).orElse(false)));
            int before = platform.output.size();

            if (asATerminalDoes) {
                // the process group of a platform started by setsid has the platform's pid
                new ProcessBuilder("kill", "-INT", "--", "-" + platform.process.pid()).inheritIO().start().waitFor();
            } else {
                platform.process.destroy();
            }

            assertThat(platform.process.waitFor(60, TimeUnit.SECONDS)).as("stopped; its output: %s",
                    platform.output).isTrue();
            platform.reader.join(5_000);
            assertThat(platform.process.exitValue()).as("the status of a process ended by the signal")
                    .isEqualTo(128 + (asATerminalDoes ? 2 : 15));
            assertThat(platform.output.subList(before, platform.output.size())).as("what it said while stopping")
                    .noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR ")
                            || line.contains("Exception"));
        }
        assertThat(StandaloneTest.processesOn(dataDir)).as("no process outlives the platform").isEmpty();
        assertThat(job).as("the job's runner and script outlive no platform")
                .noneMatch(ProcessHandle::isAlive);
        assertThat(Files.readString(dataDir.resolve("postgres").resolve("postgres.log")))
                .contains("database system is shut down");
        return sleeper;
    }

    /** The platform as a process of its own, with what it printed. */
    static final class Standalone implements AutoCloseable {
        final Process process;
        final Thread reader;
        final List<String> output = Collections.synchronizedList(new ArrayList<>());
        String url;

        private Standalone(Process process) {
            this.process = process;
            CountDownLatch running = new CountDownLatch(1);
            this.reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        output.add(line);
                        if (line.startsWith("Tributary is running at ")) {
                            url = line.substring("Tributary is running at ".length()).split(" ")[0];
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
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /**
         * With {@code ownGroup}, it leads a process group of its own with SIGINT at its default, as a shell's
         * foreground job does. (This JVM may have been started with SIGINT ignored, as a background job of a
         * script is; children inherit that, and a job runner that ignores Ctrl-C would prove nothing.)
         */
        static Standalone start(Path dataDir, boolean ownGroup) throws Exception {
            List<String> command = new ArrayList<>();
            if (ownGroup) {
                command.addAll(List.of(PERL.toString(), "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!",
                        SETSID.toString()));
            }
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    TributaryStandalone.class.getName(), "--port=0", "--demo", "--data-dir=" + dataDir));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            // no TRIBUTARY_* from the test's environment: every part is the embedded one
            builder.environment().keySet().removeIf(name -> name.startsWith("TRIBUTARY_"));
            Process process = builder.start();
            try {
                return new Standalone(process);
            } catch (RuntimeException | Error e) {
                process.destroyForcibly();
                throw e;
            }
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** A project whose one node sleeps, and the package that makes its one job. */
    record Sleeper(String projectPath, long node, long layer) {
        static Sleeper post(String url, long executor, String script) throws Exception {
            JsonNode project = StopSignalTest.post(url + "api/projects", Map.of("name", "sleepy",
                    "executor_id", executor));
            String projectPath = "api/projects/" + project.get("id").asLong();
            JsonNode node = StopSignalTest.post(url + projectPath + "/nodes", Map.of("label", "sleep",
                    "kind", "compute", "container", Map.of("image", "debian:12-slim", "script", script),
                    "version", project.get("version").asLong()));
            long layer = project.get("main_data_layer_id").asLong();
            StopSignalTest.post(url + projectPath + "/nodes/" + node.get("id").asLong() + "/packages?data_layer_id="
                    + layer, Map.of("label", "zzz", "fields", Map.of()));
            return new Sleeper(projectPath, node.get("id").asLong(), layer);
        }

        JsonNode job(String url) throws Exception {
            JsonNode jobs = JSON.readTree(HTTP.send(request(url + projectPath + "/nodes/"
                    + node + "/jobs?data_layer_id=" + layer).build(), HttpResponse.BodyHandlers.ofString()).body());
            return jobs.get("total").asInt() == 1 ? jobs.get("items").get(0) : null;
        }
    }

    static Long demoExecutor(String url) throws Exception {
        for (JsonNode project : JSON.readTree(HTTP.send(request(url + "api/projects?page_size=1000")
                .build(), HttpResponse.BodyHandlers.ofString()).body()).path("items")) {
            if ("demo".equals(project.get("name").asText()) && !project.get("executor_id").isNull()) {
                return project.get("executor_id").asLong();
            }
        }
        return null;
    }

    static JsonNode post(String url, Object body) throws Exception {
        HttpResponse<String> response = HTTP.send(request(url)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST " + url + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }
}
