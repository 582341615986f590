package org.tributary.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tributary.runner.FakeExecutorApi.Request;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class JobRunnerTest {

    private static final long JOB = 7;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STAMP = "Nov 28 14:03:01 ";

    private static final String RUN_SH = """
            #!/bin/bash
            set -e
            echo "params: $(cat in/params.json)"
            echo "refresh token: ${RNDFLOW_REFRESH_TOKEN:-absent}"
            echo "secret: $RNDFLOW_SECRET_X"
            echo "to stderr" >&2
            mkdir -p out/1/files
            printf 'result-of-%s' "$(cat in/12/label)" > out/1/label
            printf '{"params": %s, "input": %s}' "$(cat in/params.json)" "$(cat in/12/fields.json)" \
              > out/1/fields.json
            cp in/12/files/data.csv out/1/files/x
            """;
    private static final String DATA_CSV = "a,b\n1,2\n";

    @TempDir
    Path work;

    private FakeExecutorApi api;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeEach
    void startApi() throws IOException {
        api = new FakeExecutorApi(JOB);
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    @Test
    void downloadsInputsRunsTheScriptAndReportsTheJobTree() throws IOException {
        api.job("./run.sh")
                .parameter("alpha", 0.5)
                .parameter("name", "Ω")
                .file("run.sh", RUN_SH, true)
                .file("in/12/files/data.csv", DATA_CSV, false)
                .file("out/1/files/stale.txt", "from an earlier run", false)
                .inputPackage(12, "run-1", Map.of("x", List.of(1, 2)));

        int result = run(config(Map.of("RNDFLOW_SECRET_X", "s3cr3t")));

        assertThat(result).isEqualTo(JobRunner.REPORTED);
        Path root = work.resolve("7");
        assertThat(JSON.readTree(root.resolve("in/params.json").toFile()))
                .isEqualTo(JSON.readTree("{\"alpha\": 0.5, \"name\": \"Ω\"}"));
        assertThat(root.resolve("in/12/label")).hasContent("run-1");
        assertThat(JSON.readTree(root.resolve("in/12/fields.json").toFile()))
                .isEqualTo(JSON.readTree("{\"x\": [1, 2]}"));
        assertThat(root.resolve("in/12/files/data.csv")).hasContent(DATA_CSV);
        assertThat(root.resolve("run.sh")).isExecutable();
        assertThat(root.resolve("out/1/files/stale.txt")).doesNotExist();
        assertThat(api.requests("GET", "/blobs/" + FakeExecutorApi.sha256(bytes("from an earlier run")))).isEmpty();
        assertThat(api.requests().stream().filter(r -> r.path().startsWith("/blobs/")))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.authorization()).isNull());

        assertThat(root.resolve("out/1/label")).hasContent("result-of-run-1");
        assertThat(JSON.readTree(root.resolve("out/1/fields.json").toFile())).isEqualTo(JSON.readTree(
                "{\"params\": {\"alpha\": 0.5, \"name\": \"Ω\"}, \"input\": {\"x\": [1, 2]}}"));

        Request report = single(api.jobRequests("PUT", ""));
        assertThat(report.json().get("status").asText()).isEqualTo("0");
        JsonNode files = report.json().get("files");
        assertThat(names(files)).containsExactly("7.log", "out/1/fields.json", "out/1/files/x", "out/1/label",
                "run.sh");
        for (JsonNode file : files) {
            Path onDisk = root.resolve(file.get("name").asText());
            byte[] content = Files.readAllBytes(onDisk);
            assertThat(file.get("content_hash").asText()).isEqualTo(FakeExecutorApi.sha256(content));
            assertThat(file.get("size").asLong()).isEqualTo(content.length);
            assertThat(file.get("is_binary").asBoolean()).isFalse();
            assertThat(api.storedObjects().get(file.get("content_hash").asText())).isEqualTo(content);
        }
        assertThat(fileNamed(files, "run.sh").get("is_executable").asBoolean()).isTrue();
        assertThat(fileNamed(files, "run.sh").get("type").asText()).isEqualTo("application/x-sh");
        assertThat(fileNamed(files, "out/1/label").get("is_executable").asBoolean()).isFalse();
        assertThat(fileNamed(files, "out/1/label").get("type").asText()).isEqualTo("text/plain");
        assertThat(fileNamed(files, "out/1/fields.json").get("type").asText()).isEqualTo("application/json");

        List<Request> objectPuts = api.requests().stream().filter(r -> r.path().startsWith("/s3/")).toList();
        assertThat(objectPuts).allSatisfy(put -> {
            assertThat(put.authorization()).isNull();
            assertThat(put.contentType()).isNotBlank();
            assertThat(put.contentLength()).isEqualTo(Integer.toString(put.body().length));
            assertThat(put.path()).isEqualTo("/s3/" + FakeExecutorApi.sha256(put.body()));
        });

        String log = new String(api.storedObjects().get(fileNamed(files, "7.log").get("content_hash").asText()),
                StandardCharsets.UTF_8);
        assertThat(log.lines()).allSatisfy(line -> assertThat(line).startsWith(STAMP));
        assertThat(log.lines()).contains(
                STAMP + "params: {\"alpha\":0.5,\"name\":\"Ω\"}",
                STAMP + "refresh token: " + ScriptEnvironment.TOKEN_PLACEHOLDER,
                STAMP + "secret: s3cr3t",
                STAMP + "to stderr",
                STAMP + "Downloading in/12/files/data.csv...");
        assertThat(console.toString(StandardCharsets.UTF_8)).contains(STAMP + "secret: s3cr3t");
    }

    @Test
    void reportsInOrderDownloadedThenObjectsThenTheLogThenTheResult() throws IOException {
        api.job("mkdir -p out/1 && echo done > out/1/label").file("run.sh", RUN_SH, true);

        assertThat(run(config(Map.of()))).isEqualTo(JobRunner.REPORTED);

        List<String> calls = api.requests().stream()
                .filter(r -> !r.path().endsWith("/heartbeat") && !r.path().startsWith("/blobs/"))
                .map(r -> r.method() + " " + r.path().replace("/api/executor_api", "").replaceAll("/s3/.*", "/s3"))
                .toList();
        assertThat(calls).containsExactly(
                "POST /auth/refresh",
                "GET /jobs/7",
                "GET /jobs/7/files",
                "GET /jobs/7/packages",
                "POST /jobs/7/status",
                "POST /jobs/7/upload_objects",
                "PUT /s3",
                "PUT /s3",
                "POST /jobs/7/upload_objects",
                "PUT /s3",
                "PUT /jobs/7");
        assertThat(single(api.jobRequests("POST", "/status")).json())
                .isEqualTo(JSON.readTree("{\"status\": \"downloaded\"}"));
        List<Request> uploads = api.jobRequests("POST", "/upload_objects");
        String logHash = FakeExecutorApi.sha256(Files.readAllBytes(work.resolve("7/7.log")));
        assertThat(uploads.get(0).json().get("check_exists").asBoolean()).isTrue();
        assertThat(uploads.get(0).objects()).doesNotContain(logHash).hasSize(2);
        assertThat(uploads.get(1).json().get("check_exists").asBoolean()).isFalse();
        assertThat(uploads.get(1).objects()).containsExactly(logHash);
        assertThat(api.requests().get(api.requests().size() - 1).path()).isEqualTo("/api/executor_api/jobs/7");
    }

    @Test
    void reportsTheScriptsNonZeroExitCodeAndStillSucceeds() {
        api.job("echo failing; exit 3");

        assertThat(run(config(Map.of()))).isEqualTo(JobRunner.REPORTED);

        Request report = single(api.jobRequests("PUT", ""));
        assertThat(report.json().get("status").asText()).isEqualTo("3");
        assertThat(names(report.json().get("files"))).containsExactly("7.log");
        assertThat(api.jobRequests("POST", "/error")).isEmpty();
    }

    @Test
    void anEmptyScriptFailsWithExitCodeOne() throws IOException {
        api.job("  \n ");

        assertThat(run(config(Map.of()))).isEqualTo(JobRunner.REPORTED);

        assertThat(single(api.jobRequests("PUT", "")).json().get("status").asText()).isEqualTo("1");
        assertThat(Files.readString(work.resolve("7/7.log"))).contains(STAMP + "Empty script: nothing to do.");
    }

    @Test
    void aWrongChecksumIsRetriedOnceThenReportedAsDownloadError() {
        api.job("touch ran").file("data.csv", DATA_CSV, false).corrupt(DATA_CSV);

        int result = run(config(Map.of()));

        assertThat(result).isEqualTo(JobRunner.DOWNLOAD_FAILED);
        assertThat(api.requests("GET", "/blobs/" + FakeExecutorApi.sha256(bytes(DATA_CSV)))).hasSize(2);
        JsonNode error = single(api.jobRequests("POST", "/error")).json();
        assertThat(error.get("error").asText()).isEqualTo("DownloadError");
        assertThat(error.get("message").asText()).contains("data.csv").contains("checksum");
        assertThat(api.jobRequests("POST", "/status")).isEmpty();
        assertThat(api.jobRequests("PUT", "")).isEmpty();
        assertThat(work.resolve("7/ran")).doesNotExist();
    }

    @Test
    void aRunnerStoppedWhileItDownloadsReportsNoDownloadError() {
        api.job("touch ran").file("data.csv", DATA_CSV, false).corrupt(DATA_CSV);
        JobRunner runner = new JobRunner(config(Map.of()), new PrintStream(console, true, StandardCharsets.UTF_8));
        runner.abort();

        int result = runner.run();

        // the executor is closing (or the job was cancelled): the failure is the stop's, not the inputs'
        assertThat(result).isEqualTo(JobRunner.ABORTED);
        assertThat(api.jobRequests("POST", "/error")).isEmpty();
        assertThat(work.resolve("7/ran")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape.txt", "in/../../escape.txt", "/tmp/escape.txt", "in/3/files/../../escape.txt",
            "in/3/files/../../../escape.txt", "in/3/files/../../../run.sh", "./escape.txt", "a//escape.txt",
            "in/params.json", "in/3/label", "in/x/files/escape.txt", "a\\..\\escape.txt"})
    void aFileNameOutsideTheJobFolderIsADownloadError(String name) {
        api.job("touch ran").file("run.sh", RUN_SH, true).file(name, "escaped", false);

        int result = run(config(Map.of()));

        assertThat(result).isEqualTo(JobRunner.DOWNLOAD_FAILED);
        JsonNode error = single(api.jobRequests("POST", "/error")).json();
        assertThat(error.get("error").asText()).isEqualTo("DownloadError");
        assertThat(error.get("message").asText()).contains(name);
        assertThat(api.requests().stream().filter(r -> r.path().startsWith("/blobs/"))).isEmpty();
        assertThat(work.resolve("escape.txt")).doesNotExist();
        assertThat(work.resolve("7/ran")).doesNotExist();
    }

    @Test
    void refusesToStartWithoutARefreshToken() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("PATH", "/usr/bin:/bin");

        int code = JobRunner.launch(new String[]{"--host", api.host(), "--job", "7"}, env, work,
                new PrintStream(console), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(JobRunner.USAGE_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("RNDFLOW_REFRESH_TOKEN is not set");
        assertThat(api.requests()).isEmpty();
        assertThat(work.resolve("7")).doesNotExist();
    }

    @Test
    void aRefusedRefreshTokenEndsTheRunBeforeAnythingIsFetched() {
        api.job("touch ran");
        RunnerConfig config = config(Map.of());
        RunnerConfig wrongToken = new RunnerConfig(config.baseUrl(), JOB, "stolen", work, config.environment(),
                config.heartbeatInterval(), config.clock(), config.retryBackoff());

        assertThat(run(wrongToken)).isEqualTo(JobRunner.DOWNLOAD_FAILED);

        assertThat(api.requests()).extracting(Request::path).containsExactly("/api/executor_api/auth/refresh");
        assertThat(work.resolve("7/ran")).doesNotExist();
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("auth/refresh answered 401");
    }

    @Test
    void theCommandLineRunsAJobAgainstHostSlashApi() {
        api.job("echo from the command line");
        Map<String, String> env = new HashMap<>(baseEnvironment());
        env.put("RNDFLOW_REFRESH_TOKEN", FakeExecutorApi.FIRST_REFRESH_TOKEN);

        int code = JobRunner.launch(new String[]{"--host", api.host(), "--job", "7"}, env, work,
                new PrintStream(console), System.err);

        assertThat(code).isEqualTo(JobRunner.REPORTED);
        assertThat(single(api.jobRequests("PUT", "")).json().get("status").asText()).isEqualTo("0");
        assertThat(console.toString(StandardCharsets.UTF_8)).contains(" from the command line");
    }

    @Test
    void onA401RefreshesWithTheRotatedTokenAndResends() {
        api.job("true").failNext("GET", "/jobs/7/files", 401);

        assertThat(run(config(Map.of()))).isEqualTo(JobRunner.REPORTED);

        List<Request> refreshes = api.requests("POST", "/auth/refresh");
        assertThat(refreshes).extracting(Request::authorization)
                .containsExactly("Bearer refresh-0", "Bearer refresh-1");
        assertThat(api.jobRequests("GET", "/files")).extracting(Request::authorization)
                .containsExactly("Bearer access-1", "Bearer access-2");
        assertThat(api.jobRequests("PUT", "")).extracting(Request::authorization).containsExactly("Bearer access-2");
    }

    @Test
    void retriesBadGatewaysOnTheApiTheDownloadsAndTheUploads() {
        api.job("mkdir -p out/1 && echo fresh > out/1/label")
                .file("data.csv", DATA_CSV, false)
                .failNext("POST", "/jobs/7/status", 502)
                .failNext("GET", "/blobs/" + FakeExecutorApi.sha256(bytes(DATA_CSV)), 504)
                .failNext("PUT", "/s3/" + FakeExecutorApi.sha256(bytes("fresh\n")), 503);

        assertThat(run(config(Map.of()))).isEqualTo(JobRunner.REPORTED);

        assertThat(api.jobRequests("POST", "/status")).hasSize(2);
        assertThat(api.requests("GET", "/blobs/" + FakeExecutorApi.sha256(bytes(DATA_CSV)))).hasSize(2);
        assertThat(api.requests("PUT", "/s3/" + FakeExecutorApi.sha256(bytes("fresh\n")))).hasSize(2);
        assertThat(api.storedObjects()).containsKey(FakeExecutorApi.sha256(bytes("fresh\n")));
        assertThat(work.resolve("7/data.csv")).hasContent(DATA_CSV);
    }

    @Test
    void retriesTheObjectStoresInternalErrors() {
        api.job("mkdir -p out/1 && echo fresh > out/1/label")
                .file("data.csv", DATA_CSV, false)
                .failNext("GET", "/blobs/" + FakeExecutorApi.sha256(bytes(DATA_CSV)), 500)
                .failNext("PUT", "/s3/" + FakeExecutorApi.sha256(bytes("fresh\n")), 500);

        assertThat(run(config(Map.of()))).isEqualTo(JobRunner.REPORTED);

        assertThat(api.requests("GET", "/blobs/" + FakeExecutorApi.sha256(bytes(DATA_CSV)))).hasSize(2);
        assertThat(api.requests("PUT", "/s3/" + FakeExecutorApi.sha256(bytes("fresh\n")))).hasSize(2);
        assertThat(api.storedObjects()).containsKey(FakeExecutorApi.sha256(bytes("fresh\n")));
    }

    @Test
    void aRefusedObjectUploadIsReportedAsUploadError() {
        api.job("mkdir -p out/1 && echo fresh > out/1/label")
                .failNext("PUT", "/s3/" + FakeExecutorApi.sha256(bytes("fresh\n")), 403);

        assertThat(run(config(Map.of()))).isEqualTo(JobRunner.UPLOAD_FAILED);

        JsonNode error = single(api.jobRequests("POST", "/error")).json();
        assertThat(error.get("error").asText()).isEqualTo("UploadError");
        assertThat(error.get("message").asText()).contains("out/1/label").contains("403");
        assertThat(api.jobRequests("PUT", "")).isEmpty();
    }

    @Test
    void doesNotPutAnObjectTheStoreAlreadyHolds() {
        api.job("mkdir -p out/1 && echo fresh > out/1/label").file("run.sh", RUN_SH, true).alreadyStored(RUN_SH);

        assertThat(run(config(Map.of()))).isEqualTo(JobRunner.REPORTED);

        String logHash = single(api.jobRequests("POST", "/upload_objects").subList(1, 2)).objects().get(0);
        assertThat(api.requests().stream().filter(r -> r.path().startsWith("/s3/")).map(Request::path))
                .containsExactlyInAnyOrder("/s3/" + FakeExecutorApi.sha256(bytes("fresh\n")), "/s3/" + logHash);
        assertThat(names(single(api.jobRequests("PUT", "")).json().get("files"))).contains("run.sh");
    }

    @Test
    void identicalFilesAreOneObject() {
        api.job("mkdir -p out/1/files out/2/files && echo same > out/1/files/a && echo same > out/2/files/b");

        assertThat(run(config(Map.of()))).isEqualTo(JobRunner.REPORTED);

        String same = FakeExecutorApi.sha256(bytes("same\n"));
        assertThat(api.jobRequests("POST", "/upload_objects").get(0).objects()).containsExactly(same);
        assertThat(api.requests("PUT", "/s3/" + same)).hasSize(1);
        assertThat(names(single(api.jobRequests("PUT", "")).json().get("files")))
                .containsExactly("7.log", "out/1/files/a", "out/2/files/b");
    }

    @Test
    void emptyFilesTravelBothWays() throws IOException {
        api.job("mkdir -p out/1/files && cp in/12/files/empty.txt out/1/files/empty")
                .file("in/12/files/empty.txt", "", false);

        assertThat(run(config(Map.of()))).isEqualTo(JobRunner.REPORTED);

        assertThat(work.resolve("7/in/12/files/empty.txt")).isEmptyFile();
        JsonNode empty = fileNamed(single(api.jobRequests("PUT", "")).json().get("files"), "out/1/files/empty");
        assertThat(empty.get("size").asLong()).isZero();
        assertThat(empty.get("content_hash").asText()).isEqualTo(FakeExecutorApi.sha256(new byte[0]));
        assertThat(single(api.requests("PUT", "/s3/" + FakeExecutorApi.sha256(new byte[0]))).contentLength())
                .isEqualTo("0");
    }

    @Test
    void theRefreshTokenNeverShowsInTheLog() throws IOException {
        api.job("echo hello");
        RunnerConfig config = config(Map.of());

        run(config);

        assertThat(config.toString()).doesNotContain(FakeExecutorApi.FIRST_REFRESH_TOKEN);
        assertThat(Files.readString(work.resolve("7/7.log"))).doesNotContain("refresh-0", "refresh-1", "access-1");
        assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("refresh-0", "refresh-1", "access-1");
    }

    @Test
    void heartbeatsCarryTheLogTailWhileTheScriptRuns() {
        api.job("echo working; while [ ! -f go ]; do sleep 0.05; done; echo finished");
        RunnerConfig config = config(Map.of()).withHeartbeatInterval(Duration.ofMillis(50));

        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> run(config));
        await().atMost(Duration.ofSeconds(20)).until(() -> api.jobRequests("POST", "/heartbeat").stream()
                .anyMatch(beat -> beat.json().get("log_tail").asText().contains(STAMP + "working\n")));
        assertThat(running).isNotDone();
        touch(work.resolve("7/go"));

        assertThat(running.join()).isEqualTo(JobRunner.REPORTED);
        assertThat(api.jobRequests("POST", "/heartbeat"))
                .allSatisfy(beat -> assertThat(beat.json().get("log_tail").asText().lines().count())
                        .isLessThanOrEqualTo(100));
    }

    @Test
    void aJobThatEndsWithinItsFirstSecondsSendsNoHeartbeat() {
        api.job("echo quick");

        assertThat(run(config(Map.of()))).isEqualTo(JobRunner.REPORTED);

        assertThat(api.jobRequests("POST", "/heartbeat")).isEmpty();
    }

    @Test
    void theHeartbeatTailIsTheLastHundredLines() {
        api.job("for i in $(seq 1 150); do echo line-$i; done; while [ ! -f go ]; do sleep 0.05; done");
        RunnerConfig config = config(Map.of()).withHeartbeatInterval(Duration.ofMillis(50));

        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> run(config));
        await().atMost(Duration.ofSeconds(20)).until(() -> api.jobRequests("POST", "/heartbeat").stream()
                .anyMatch(beat -> beat.json().get("log_tail").asText().endsWith(STAMP + "line-150\n")));
        touch(work.resolve("7/go"));
        assertThat(running.join()).isEqualTo(JobRunner.REPORTED);

        String tail = api.jobRequests("POST", "/heartbeat").stream()
                .map(beat -> beat.json().get("log_tail").asText())
                .filter(text -> text.endsWith(STAMP + "line-150\n"))
                .findFirst().orElseThrow();
        assertThat(tail.lines()).hasSize(100).startsWith(STAMP + "line-51");
    }

    @Test
    void anInteractiveJobRunsJupyterLabInsteadOfTheScript() throws IOException {
        Path bin = fakeCommand("jupyter-lab");
        api.job("touch ran").interactive();

        int result = run(config(Map.of("PATH", bin + ":" + System.getenv("PATH"), "JUPYTER_BASE_URL",
                "/jupyter/7/")));

        assertThat(result).isEqualTo(JobRunner.REPORTED);
        assertThat(work.resolve("7/ran")).doesNotExist();
        assertThat(Files.readString(work.resolve("7/7.log"))).contains(STAMP + "jupyter-lab"
                + " --ServerApp.base_url=/jupyter/7/ --ServerApp.token= --ip=0.0.0.0 --no-browser --allow-root");
    }

    @Test
    void anInteractiveJobFallsBackToJupyterNotebook() throws IOException {
        Path bin = fakeCommand("jupyter-notebook");
        api.job("touch ran").interactive();

        run(config(Map.of("PATH", bin + ":" + System.getenv("PATH"), "JUPYTER_BASE_URL", "/jupyter/7/")));

        assertThat(Files.readString(work.resolve("7/7.log"))).contains(STAMP + "jupyter-notebook"
                + " --ServerApp.base_url=/jupyter/7/");
    }

    @Test
    void anInteractiveJobWithoutJupyterBaseUrlRunsTheScript() {
        api.job("touch ran").interactive();

        assertThat(run(config(Map.of()))).isEqualTo(JobRunner.REPORTED);

        assertThat(work.resolve("7/ran")).exists();
    }

    // ---- helpers

    @Test
    void aStoppedRunnerKillsTheScriptAndUploadsAndReportsNothing() throws Exception {
        api.job("echo $$ > pid; mkdir -p out/1 && echo never > out/1/label; exec sleep 300");
        JobRunner runner = new JobRunner(config(Map.of()), new PrintStream(console, true, StandardCharsets.UTF_8));
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(runner::run);
        Path pid = work.resolve("7/pid");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(pid) && !Files.readString(pid).isBlank());
        ProcessHandle script = ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).orElseThrow();

        runner.abort();

        assertThat(running.get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(JobRunner.ABORTED);
        await().atMost(Duration.ofSeconds(10)).until(() -> !script.isAlive());
        assertThat(api.jobRequests("PUT", "")).isEmpty();
        assertThat(api.requests().stream().filter(r -> r.path().startsWith("/s3/"))).isEmpty();
    }

    @Test
    void aScriptEndedByTheHostsStopSignalIsAbortedNotReported() {
        api.job("mkdir -p out/1 && echo never > out/1/label; kill -TERM $$");
        List<Integer> asked = new ArrayList<>();

        int result = new JobRunner(config(Map.of()), new PrintStream(console, true, StandardCharsets.UTF_8), false,
                exitCode -> asked.add(exitCode)).run();

        assertThat(result).isEqualTo(JobRunner.ABORTED);
        assertThat(asked).containsExactly(128 + 15);
        assertThat(api.jobRequests("PUT", "")).isEmpty();
        assertThat(api.requests().stream().filter(r -> r.path().startsWith("/s3/"))).isEmpty();
    }

    @Test
    void aScriptEndedByASignalWhileTheHostRunsOnIsReportedWithItsExitCode() {
        api.job("kill -TERM $$");

        int result = new JobRunner(config(Map.of()), new PrintStream(console, true, StandardCharsets.UTF_8), false,
                exitCode -> false).run();

        assertThat(result).isEqualTo(JobRunner.REPORTED);
        assertThat(single(api.jobRequests("PUT", "")).json().get("status").asText()).isEqualTo("143");
    }

    @Test
    void aScriptInASessionOfItsOwnLeadsIt() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")));
        api.job("mkdir -p out/1 && ps -o sid= -p $$ | tr -d ' ' > out/1/label && echo $$ > pid");

        int result = new JobRunner(config(Map.of()), new PrintStream(console, true, StandardCharsets.UTF_8), true)
                .run();

        assertThat(result).isEqualTo(JobRunner.REPORTED);
        assertThat(Files.readString(work.resolve("7/out/1/label")).strip())
                .isEqualTo(Files.readString(work.resolve("7/pid")).strip());
    }

    private int run(RunnerConfig config) {
        return new JobRunner(config, new PrintStream(console, true, StandardCharsets.UTF_8)).run();
    }

    private RunnerConfig config(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(baseEnvironment());
        env.put("RNDFLOW_REFRESH_TOKEN", FakeExecutorApi.FIRST_REFRESH_TOKEN);
        env.putAll(extra);
        return RunnerConfig.of(api.baseUrl(), JOB, FakeExecutorApi.FIRST_REFRESH_TOKEN, work, env)
                .withClock(Clock.fixed(Instant.parse("2026-11-28T14:03:01Z"), ZoneOffset.UTC))
                .withRetryBackoff(Duration.ofMillis(10));
    }

    private static Map<String, String> baseEnvironment() {
        Map<String, String> env = new HashMap<>();
        for (String name : List.of("PATH", "HOME", "LANG")) {
            if (System.getenv(name) != null) {
                env.put(name, System.getenv(name));
            }
        }
        return env;
    }

    private Path fakeCommand(String name) throws IOException {
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path command = bin.resolve(name);
        Files.writeString(command, "#!/bin/sh\necho \"$(basename \"$0\") $*\"\n");
        assertThat(command.toFile().setExecutable(true)).isTrue();
        return bin;
    }

    private static void touch(Path file) {
        try {
            Files.createFile(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static List<String> names(JsonNode files) {
        List<String> names = new ArrayList<>();
        files.forEach(file -> names.add(file.get("name").asText()));
        return names;
    }

    private static JsonNode fileNamed(JsonNode files, String name) {
        for (JsonNode file : files) {
            if (file.get("name").asText().equals(name)) {
                return file;
            }
        }
        throw new AssertionError("no file " + name + " in " + files);
    }
}
