package org.tributary.executor;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tributary.executor.dispatch.DispatchListener;
import org.tributary.domain.job.api.JobDispatched;
import org.tributary.domain.job.api.JobInput;
import org.tributary.domain.job.api.JobSpec;
import org.tributary.domain.shared.ContainerSpec;
import org.tributary.domain.shared.FileRef;
import org.tributary.executor.job.JobLifecycle;
import org.tributary.executor.job.JobState;
import org.tributary.executor.job.JobStore;
import org.tributary.executor.livelog.ReadKey;
import org.tributary.executor.config.ExecutorProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tributary.executor.jobapi.JobTokens;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The executor API as a job runner sees it, driven by hand: tokens, the job and its files, uploads, the final report.
 * Jobs are stored as if dispatched and started, so no runner process is involved.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=executor",
        "tributary.executor.runner-command=true {host} {job}",
        "tributary.executor.refresh-grace=30s",
        "tributary.executor.access-token-ttl=15m"})
class ExecutorApiTest {

    static final Infra infra = new Infra("executor_api");
    static final long EXECUTOR_ID = infra.commands.registeredId;
    static final long PROJECT = 4;
    static final AtomicLong JOB_IDS = new AtomicLong(100);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        infra.properties(registry);
        registry.add("tributary.executor.id", () -> EXECUTOR_ID);
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock();
        }
    }

    @Autowired
    JobStore store;
    @Autowired
    JobTokens tokens;
    @Autowired
    JobLifecycle lifecycle;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    Http api;
    String runSh;
    String dataCsv;

    @BeforeEach
    void setUp() {
        api = new Http("http://127.0.0.1:" + port + "/api/executor_api");
        runSh = infra.put(PROJECT, "echo hi\n".getBytes(StandardCharsets.UTF_8));
        dataCsv = infra.put(PROJECT, "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void tearDown(@Autowired DispatchListener listener, @Autowired AmqpAdmin admin) {
        infra.deleteQueue(listener, admin, EXECUTOR_ID);
        infra.close();
    }

    /** A job as if dispatched, claimed and started, and the refresh token its process got. */
    private long startedJob() {
        long jobId = JOB_IDS.incrementAndGet();
        JobSpec spec = new JobSpec(3, 2,
                List.of(new JobInput(12, "run-1", Map.of("x", List.of(1, 2)),
                        List.of(new FileRef("data.csv", dataCsv, 8, false, "text/csv")))),
                Map.of("alpha", 0.5), ContainerSpec.of("python:3.12-slim", "bash run.sh"),
                List.of(new FileRef("run.sh", runSh, 8, true, "text/x-sh")), false);
        assertThat(store.accept("message-" + jobId, new JobDispatched(jobId, PROJECT, EXECUTOR_ID, spec))).isTrue();
        store.move(jobId, JobState.STARTED, JobState.RECEIVED);
        return jobId;
    }

    private String accessToken(long jobId) {
        Http.Answer answer = api.post("/auth/refresh", tokens.issueRefresh(jobId), "");
        assertThat(answer.status()).isEqualTo(200);
        return answer.body().get("access_token").asText();
    }

    @Test
    void refreshTradesTheRefreshTokenForAnAccessTokenAndANewRefreshToken() {
        long job = startedJob();
        String refresh = tokens.issueRefresh(job);

        Http.Answer answer = api.post("/auth/refresh", refresh, "");

        assertThat(answer.status()).isEqualTo(200);
        String access = answer.body().get("access_token").asText();
        String next = answer.body().get("refresh_token").asText();
        assertThat(access).isNotBlank().isNotEqualTo(refresh);
        assertThat(next).isNotBlank().isNotEqualTo(refresh);
        assertThat(api.get("/jobs/" + job, access).status()).isEqualTo(200);
        assertThat(api.post("/auth/refresh", next, "").status()).isEqualTo(200);
    }

    @Test
    void aRotatedRefreshTokenWorksForARetryWithinTheGraceAndIsRefusedAfterIt() {
        long job = startedJob();
        String refresh = tokens.issueRefresh(job);
        assertThat(api.post("/auth/refresh", refresh, "").status()).isEqualTo(200);

        assertThat(api.post("/auth/refresh", refresh, "").status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(31));

        Http.Answer late = api.post("/auth/refresh", refresh, "");
        assertThat(late.status()).isEqualTo(401);
        assertThat(late.body().get("field").asText()).isEqualTo("Authorization");
    }

    @Test
    void anAccessTokenExpires() {
        long job = startedJob();
        String access = accessToken(job);
        clock.advance(Duration.ofMinutes(16));

        assertThat(api.get("/jobs/" + job, access).status()).isEqualTo(401);
    }

    @Test
    void aTokenOfOneJobIsForbiddenOnAnother() {
        long mine = startedJob();
        long other = startedJob();
        String access = accessToken(mine);

        assertThat(api.get("/jobs/" + other, access).status()).isEqualTo(403);
        assertThat(api.put("/jobs/" + other, access, "{\"status\": \"0\", \"files\": []}").status()).isEqualTo(403);
        assertThat(infra.commands.calls(other)).isEmpty();
    }

    @Test
    void theLiveLogOfAJobIsServedOnlyWithTheReadKey(@Autowired ReadKey key,
                                                    @Autowired ExecutorProperties properties) throws Exception {
        long job = startedJob();
        Path output = properties.workDir().resolve(Long.toString(EXECUTOR_ID)).resolve(job + ".runner.log");
        Files.createDirectories(output.getParent());
        Files.writeString(output, "first\nsecond\n");
        Http internal = new Http("http://127.0.0.1:" + port + "/internal");

        assertThat(internal.get("/jobs/" + job + "/log", null).status()).isEqualTo(401);
        assertThat(internal.get("/jobs/" + job + "/log", tokens.issueRefresh(job)).status()).isEqualTo(401);
        assertThat(internal.get("/jobs/" + (job + 1000) + "/log", key.value()).status()).isEqualTo(404);
        Http.Answer plain = internal.get("/jobs/" + job + "/log", key.value());
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.text()).isEqualTo("first\nsecond\n");
        // its process does not run here: the followed log ends where the file ends
        Http.Answer followed = internal.get("/jobs/" + job + "/log?follow=true", key.value());
        assertThat(followed.status()).isEqualTo(200);
        assertThat(followed.text()).isEqualTo("id: 1\nevent: line\ndata: first\n\nid: 2\nevent: line\ndata: second"
                + "\n\nevent: end\ndata: 2\n\n");
    }

    @Test
    void callsWithoutAValidTokenAreUnauthorized() {
        long job = startedJob();

        assertThat(api.get("/jobs/" + job, null).status()).isEqualTo(401);
        assertThat(api.get("/jobs/" + job, "not-a-token").status()).isEqualTo(401);
        assertThat(api.post("/auth/refresh", "not-a-token", "").status()).isEqualTo(401);
        assertThat(api.post("/auth/refresh", accessToken(job), "").status()).isEqualTo(401);
    }

    @Test
    void theJobShowsItsParameterValuesAndNode() {
        long job = startedJob();

        JsonNode body = api.get("/jobs/" + job, accessToken(job)).body();

        assertThat(body.get("id").asLong()).isEqualTo(job);
        assertThat(body.get("fields").get(0).get("name").asText()).isEqualTo("alpha");
        assertThat(body.get("fields").get(0).get("value").asDouble()).isEqualTo(0.5);
        assertThat(body.get("is_interactive").asBoolean()).isFalse();
        assertThat(body.get("node").get("id").asLong()).isEqualTo(3);
        assertThat(body.get("node").get("script").asText()).isEqualTo("bash run.sh");
        assertThat(body.get("node").get("image").asText()).isEqualTo("python:3.12-slim");
        assertThat(body.get("project_id").asLong()).isEqualTo(PROJECT);
        assertThat(body.get("data_layer_id").asLong()).isEqualTo(2);
    }

    @Test
    void filesAreNodeFilesAtTheRootAndInputFilesUnderInWithDownloadLinks() {
        long job = startedJob();

        JsonNode files = api.get("/jobs/" + job + "/files", accessToken(job)).body();

        assertThat(files).hasSize(2);
        assertThat(files.get(0).get("name").asText()).isEqualTo("run.sh");
        assertThat(files.get(0).get("is_executable").asBoolean()).isTrue();
        assertThat(files.get(0).get("content_hash").asText()).isEqualTo(runSh);
        assertThat(files.get(1).get("name").asText()).isEqualTo("in/12/files/data.csv");
        assertThat(files.get(1).get("is_executable").asBoolean()).isFalse();
        assertThat(files.get(1).get("size").asLong()).isEqualTo(8);
        assertThat(files.get(1).get("type").asText()).isEqualTo("text/csv");
        assertThat(new String(Http.fetch(files.get(1).get("content").asText()), StandardCharsets.UTF_8))
                .isEqualTo("a,b\n1,2\n");
    }

    @Test
    void packagesAreTheInputPackages() {
        long job = startedJob();

        JsonNode packages = api.get("/jobs/" + job + "/packages", accessToken(job)).body();

        assertThat(packages).hasSize(1);
        assertThat(packages.get(0).get("id").asLong()).isEqualTo(12);
        assertThat(packages.get(0).get("label").asText()).isEqualTo("run-1");
        assertThat(packages.get(0).get("fields").get(0).get("name").asText()).isEqualTo("x");
        assertThat(packages.get(0).get("fields").get(0).get("value").toString()).isEqualTo("[1,2]");
    }

    @Test
    void uploadObjectsLinksOnlyWhatIsMissingUnlessAskedNotToCheck() {
        long job = startedJob();
        String access = accessToken(job);
        byte[] fresh = ("new " + job).getBytes(StandardCharsets.UTF_8);
        String freshHash = Infra.sha256(fresh);

        JsonNode links = api.post("/jobs/" + job + "/upload_objects", access,
                "{\"objects\": [\"" + dataCsv + "\", \"" + freshHash + "\"]}").body();

        assertThat(links.get(0).get("object_id").asText()).isEqualTo(dataCsv);
        assertThat(links.get(0).get("link").isNull()).isTrue();
        assertThat(links.get(1).get("object_id").asText()).isEqualTo(freshHash);
        assertThat(Http.upload(links.get(1).get("link").asText(), fresh)).isEqualTo(200);
        JsonNode again = api.post("/jobs/" + job + "/upload_objects", access,
                "{\"objects\": [\"" + freshHash + "\"]}").body();
        assertThat(again.get(0).get("link").isNull()).isTrue();
        JsonNode unchecked = api.post("/jobs/" + job + "/upload_objects", access,
                "{\"objects\": [\"" + freshHash + "\"], \"check_exists\": false}").body();
        assertThat(unchecked.get(0).get("link").asText()).startsWith("http");
    }

    @Test
    void uploadObjectsRefusesWhatIsNotAHash() {
        long job = startedJob();

        Http.Answer answer = api.post("/jobs/" + job + "/upload_objects", accessToken(job), "{\"objects\": [\"../x\"]}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("field").asText()).isEqualTo("objects[0]");
    }

    @Test
    void downloadedStatusAndHeartbeatsAreAccepted() {
        long job = startedJob();
        String access = accessToken(job);

        assertThat(api.post("/jobs/" + job + "/status", access, "{\"status\": \"downloaded\"}").status()).isEqualTo(200);
        assertThat(api.post("/jobs/" + job + "/status", access, "{\"status\": \"downloaded\"}").status()).isEqualTo(200);
        assertThat(api.post("/jobs/" + job + "/heartbeat", access, "{\"log_tail\": \"step 1\"}").status()).isEqualTo(200);

        assertThat(infra.commands.actions(job)).containsExactly("status Downloaded");
        assertThat(jdbc.queryForObject("SELECT log_tail FROM job_heartbeat WHERE job_id = ?", String.class, job))
                .isEqualTo("step 1");
        assertThat(api.post("/jobs/" + job + "/status", access, "{\"status\": \"flying\"}").status()).isEqualTo(400);
    }

    @Test
    void aFinalReportWithExitCodeZeroCompletesTheJobWithItsOutputPackages() {
        long job = startedJob();
        String access = accessToken(job);
        String label = infra.put(PROJECT, "best run\n".getBytes(StandardCharsets.UTF_8));
        String fields = infra.put(PROJECT, "{\"score\": 0.9, \"tags\": [\"a\"]}".getBytes(StandardCharsets.UTF_8));
        String result = infra.put(PROJECT, ("result " + job).getBytes(StandardCharsets.UTF_8));
        String log = infra.put(PROJECT, "log".getBytes(StandardCharsets.UTF_8));
        String report = "{\"status\": \"0\", \"files\": ["
                + file("run.sh", runSh, true) + ", "
                + file("out/1/label", label, false) + ", "
                + file("out/1/fields.json", fields, false) + ", "
                + file("out/1/files/sub/result.h5", result, false) + ", "
                + file("out/2/files/empty.txt", log, false) + ", "
                + file(job + ".log", log, false) + "]}";

        assertThat(api.put("/jobs/" + job, access, report).status()).isEqualTo(200);
        assertThat(api.put("/jobs/" + job, access, report).status()).isEqualTo(200);

        List<FakeCommandService.Call> completes = infra.commands.calls(job).stream()
                .filter(call -> call.action().equals("complete")).toList();
        assertThat(completes).hasSize(1);
        JsonNode body = completes.get(0).body();
        assertThat(body.get("exit_code").asInt()).isZero();
        assertThat(body.get("image_digest").isNull()).isTrue();
        assertThat(body.get("files")).hasSize(6);
        assertThat(body.get("files").get(0).get("name").asText()).isEqualTo("run.sh");
        assertThat(body.get("files").get(0).get("is_executable").asBoolean()).isTrue();
        assertThat(body.get("files").get(0).get("content_hash").asText()).isEqualTo(runSh);
        JsonNode outputs = body.get("outputs");
        assertThat(outputs).hasSize(2);
        assertThat(outputs.get(0).get("label").asText()).isEqualTo("best run");
        assertThat(outputs.get(0).get("fields").toString()).isEqualTo("{\"score\":0.9,\"tags\":[\"a\"]}");
        assertThat(outputs.get(0).get("files")).hasSize(1);
        assertThat(outputs.get(0).get("files").get(0).get("name").asText()).isEqualTo("sub/result.h5");
        assertThat(outputs.get(0).get("files").get(0).get("content_hash").asText()).isEqualTo(result);
        assertThat(outputs.get(1).get("label").asText()).isEmpty();
        assertThat(outputs.get(1).get("files").get(0).get("name").asText()).isEqualTo("empty.txt");

        Http.Answer different = api.put("/jobs/" + job, access, "{\"status\": \"1\", \"files\": []}");
        assertThat(different.status()).isEqualTo(409);
    }

    @Test
    void aFinalReportWithANonZeroExitCodeCompletesWithoutOutputs() {
        long job = startedJob();
        String label = infra.put(PROJECT, "partial".getBytes(StandardCharsets.UTF_8));

        Http.Answer answer = api.put("/jobs/" + job, accessToken(job),
                "{\"status\": \"3\", \"files\": [" + file("out/1/label", label, false) + "]}");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = infra.commands.calls(job).get(0).body();
        assertThat(body.get("exit_code").asInt()).isEqualTo(3);
        assertThat(body.get("outputs")).isEmpty();
        assertThat(body.get("files")).hasSize(1);
    }

    @Test
    void transientFailuresOfCommandServiceAreRetried() {
        long job = startedJob();
        infra.commands.fail(job, "complete", 503, 2);

        Http.Answer answer = api.put("/jobs/" + job, accessToken(job), "{\"status\": \"0\", \"files\": []}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(infra.commands.actions(job)).containsExactly("complete", "complete", "complete");
        assertThat(store.find(job).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void aCompletionCommandServiceRefusesFailsTheJob() {
        long job = startedJob();
        infra.commands.fail(job, "complete", 400, 1);

        Http.Answer answer = api.put("/jobs/" + job, accessToken(job), "{\"status\": \"0\", \"files\": []}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(infra.commands.actions(job)).containsExactly("complete", "error");
        assertThat(infra.commands.calls(job).get(1).body().get("error").asText()).isEqualTo("CompletionRefused");
    }

    @Test
    void aFinalReportWithBrokenFieldsFailsTheJobNamingTheFileAndKeepingItsLogAndFiles() {
        long job = startedJob();
        String fields = infra.put(PROJECT, "[1, 2]".getBytes(StandardCharsets.UTF_8));
        String log = infra.put(PROJECT, ("the job's log " + job).getBytes(StandardCharsets.UTF_8));

        Http.Answer answer = api.put("/jobs/" + job, accessToken(job), "{\"status\": \"0\", \"files\": ["
                + file("out/1/fields.json", fields, false) + ", " + file(job + ".log", log, false) + "]}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(infra.commands.actions(job)).containsExactly("error");
        JsonNode error = infra.commands.calls(job).get(0).body();
        assertThat(error.get("error").asText()).isEqualTo("OutputError");
        assertThat(error.get("message").asText()).contains("out/1/fields.json");
        assertThat(error.get("files")).extracting(f -> f.get("name").asText()).containsExactlyInAnyOrder(
                "out/1/fields.json", job + ".log");
    }

    @Test
    void anOutputFileUploadedWithOtherBytesThanItsHashFailsTheJob() {
        long job = startedJob();
        String access = accessToken(job);
        String hash = Infra.sha256(("real " + job).getBytes(StandardCharsets.UTF_8));
        JsonNode links = api.post("/jobs/" + job + "/upload_objects", access, "{\"objects\": [\"" + hash + "\"]}")
                .body();
        assertThat(Http.upload(links.get(0).get("link").asText(), "forged".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(200);

        Http.Answer answer = api.put("/jobs/" + job, access,
                "{\"status\": \"0\", \"files\": [" + file("out/1/files/result.txt", hash, false) + "]}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(infra.commands.actions(job)).containsExactly("error");
        assertThat(infra.commands.calls(job).get(0).body().get("error").asText()).isEqualTo("OutputError");
        assertThat(infra.commands.calls(job).get(0).body().get("message").asText()).contains("do not have SHA-256");
    }

    @Test
    void aFinalReportNeedsAnExitCode() {
        long job = startedJob();

        Http.Answer answer = api.put("/jobs/" + job, accessToken(job), "{\"status\": \"done\", \"files\": []}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("field").asText()).isEqualTo("status");
        assertThat(infra.commands.calls(job)).isEmpty();
    }

    @Test
    void aRefusalOfCommandServiceReachesTheRunnerAsTheSameRefusal() {
        long job = startedJob();
        infra.commands.fail(job, "error", 400, 1);

        Http.Answer answer = api.post("/jobs/" + job + "/error", accessToken(job),
                "{\"error\": \"DownloadError\", \"message\": \"m\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("field").asText()).isEqualTo("test_field");
        assertThat(answer.body().get("detail").asText()).isEqualTo("refused by the test");
    }

    @Test
    void anErrorNameOfMoreThan100CharactersIsRefusedWithoutTellingCommandService() {
        long job = startedJob();

        Http.Answer answer = api.post("/jobs/" + job + "/error", accessToken(job),
                "{\"error\": \"" + "E".repeat(101) + "\", \"message\": \"m\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("field").asText()).isEqualTo("error");
        assertThat(infra.commands.actions(job)).doesNotContain("error");
    }

    @Test
    void aMessageWithNulCharactersReachesCommandServiceAsStorableText() {
        long job = startedJob();

        Http.Answer answer = api.post("/jobs/" + job + "/error", accessToken(job),
                "{\"error\": \"DownloadError\", \"message\": \"bin\\u0000ary\"}");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = infra.commands.calls(job).get(infra.commands.calls(job).size() - 1).body();
        assertThat(body.get("message").asText()).isEqualTo("bin\uFFFDary");
    }

    @Test
    void aHeartbeatWithBinaryOutputInItsLogTailIsTaken() {
        long job = startedJob();

        Http.Answer answer = api.post("/jobs/" + job + "/heartbeat", accessToken(job),
                "{\"log_tail\": \"bin\\u0000ary\"}");

        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void aHeartbeatLargerThanAnyJsonBodyKeepsTheJobAliveWithItsTailsEnd() {
        long job = startedJob();
        // a progress bar redrawn with \r: one line of 6 MiB, over the 4 MiB any other body may have
        String line = "x".repeat(6 * 1024 * 1024) + " 100%";

        Http.Answer answer = api.post("/jobs/" + job + "/heartbeat", accessToken(job),
                "{\"log_tail\": \"" + line + "\"}");

        assertThat(answer.status()).isEqualTo(200);
        String kept = jdbc.queryForObject("SELECT log_tail FROM job_heartbeat WHERE job_id = ?", String.class, job);
        assertThat(kept).hasSize(64 * 1024).endsWith("x 100%");
    }

    @Test
    void aHeartbeatThatIsNoJsonObjectIsRefused() {
        long job = startedJob();

        Http.Answer answer = api.post("/jobs/" + job + "/heartbeat", accessToken(job), "[\"log\"]");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("field").asText()).isEqualTo("body");
    }

    @Test
    void uploadObjectsNamesAtMostTenThousandObjects() {
        long job = startedJob();
        String hashes = String.join(",", java.util.Collections.nCopies(10_001, "\"" + "a".repeat(64) + "\""));

        Http.Answer answer = api.post("/jobs/" + job + "/upload_objects", accessToken(job),
                "{\"objects\": [" + hashes + "]}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("field").asText()).isEqualTo("objects");
    }

    @Test
    void anErrorOfTheRunnerFailsTheJob() {
        long job = startedJob();
        String access = accessToken(job);
        String report = "{\"error\": \"DownloadError\", \"message\": \"hash mismatch for data.csv\"}";

        assertThat(api.post("/jobs/" + job + "/error", access, report).status()).isEqualTo(200);
        assertThat(api.post("/jobs/" + job + "/error", access, report).status()).isEqualTo(200);

        assertThat(infra.commands.calls(job)).hasSize(1);
        JsonNode body = infra.commands.calls(job).get(0).body();
        assertThat(body.get("error").asText()).isEqualTo("DownloadError");
        assertThat(body.get("message").asText()).isEqualTo("hash mismatch for data.csv");
    }

    @Test
    void onResumeAJobThatWasRunningFailsAndItsLeftoverProcessIsStopped() throws Exception {
        long job = JOB_IDS.incrementAndGet();
        store.accept("message-" + job, new JobDispatched(job, PROJECT, EXECUTOR_ID, new JobSpec(3, 2, List.of(),
                Map.of(), ContainerSpec.of("local/none", "true"), List.of(), false)));
        store.move(job, JobState.QUEUED, JobState.RECEIVED);
        Process leftover = new ProcessBuilder("sleep", "300").start();
        try {
            store.started(job, leftover.pid(), leftover.info().startInstant().orElseThrow());

            lifecycle.resume();

            await().untilAsserted(() -> assertThat(infra.commands.actions(job)).containsExactly("error"));
            assertThat(infra.commands.calls(job).get(0).body().get("error").asText()).isEqualTo("ExecutorRestarted");
            assertThat(store.find(job).orElseThrow().state()).isEqualTo(JobState.FAILED);
            assertThat(leftover.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            leftover.destroyForcibly();
        }
    }

    @Test
    void onResumeAJobThatWasOnlyQueuedIsLaunched() {
        long job = JOB_IDS.incrementAndGet();
        store.accept("message-" + job, new JobDispatched(job, PROJECT, EXECUTOR_ID, new JobSpec(3, 2, List.of(),
                Map.of(), ContainerSpec.of("local/none", "true"), List.of(), false)));
        store.move(job, JobState.QUEUED, JobState.RECEIVED);

        lifecycle.resume();

        // the runner of this class is `true`: it starts, and ends without a final report
        await().untilAsserted(() -> assertThat(infra.commands.actions(job)).containsExactly("status Started", "error"));
        assertThat(infra.commands.calls(job).get(1).body().get("error").asText()).isEqualTo("RunnerFailed");
    }

    private static String file(String name, String hash, boolean executable) {
        return "{\"name\": \"" + name + "\", \"type\": \"application/octet-stream\", \"content_hash\": \"" + hash
                + "\", \"is_executable\": " + executable + ", \"is_binary\": true, \"size\": 5}";
    }
}
