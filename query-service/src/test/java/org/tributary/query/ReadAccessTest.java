package org.tributary.query;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tributary.access.OpaqueCredential;
import org.tributary.domain.project.api.ApiKeyCreated;
import org.tributary.domain.user.api.UserProfileChanged;
import org.tributary.domain.user.api.UserRegistered;
import org.tributary.domain.project.api.ApiKeyRevoked;
import org.tributary.domain.project.api.DataLayerCreated;
import org.tributary.domain.project.api.NodeCreated;
import org.tributary.domain.project.api.ProjectCreated;
import org.tributary.domain.project.api.ProjectMemberRemoved;
import org.tributary.domain.project.api.ProjectMemberSet;
import org.tributary.domain.executor.api.ExecutorCapabilities;
import org.tributary.domain.executor.api.ExecutorRegistered;
import org.tributary.domain.job.api.JobCancelled;
import org.tributary.domain.job.api.JobClaimed;
import org.tributary.domain.job.api.JobCreated;
import org.tributary.domain.job.api.JobDispatched;
import org.tributary.domain.job.api.JobSpec;
import org.tributary.domain.shared.ContainerSpec;
import org.tributary.domain.shared.DataLayerKind;
import org.tributary.domain.shared.NodeKind;
import org.tributary.domain.shared.ProjectRole;
import org.tributary.testsupport.TestDatabase;
import org.tributary.testsupport.TestEventStore;
import org.tributary.testsupport.TestS3;
import org.tributary.testsupport.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the read side answers whom: members read their projects, keys theirs, nobody else sees them exist. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = QueryServiceApplication.CONFIG_NAME)
class ReadAccessTest {

    static final TestDatabase DB = TestDatabase.create("query_access");
    static final TestEventStore EVENTS = TestEventStore.create(DB);
    static final TestS3 S3 = TestS3.start();
    static final TestTokens TOKENS = TestTokens.shared();
    static final long EXECUTOR = 90;
    static final long P = 60, OTHER = 61, OWNER = 21, EDITOR = 22, GONE = 23, STRANGER = 24, NODE = 62,
            PERSONAL = 63;
    static final OpaqueCredential KEY = OpaqueCredential.create(OpaqueCredential.Kind.API_KEY, 80);
    static final OpaqueCredential REVOKED = OpaqueCredential.create(OpaqueCredential.Kind.API_KEY, 81);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ReadModel.serve(registry, DB, S3);
    }

    @BeforeAll
    static void appendEvents() {
        EVENTS.append("User", Long.toString(OWNER), new UserRegistered(OWNER, "ada", "Ada", "ada@example.org", false));
        EVENTS.append("User", Long.toString(EDITOR), new UserRegistered(EDITOR, "bob", "Bob", "bob@example.org",
                false));
        EVENTS.append("User", Long.toString(EDITOR), new UserProfileChanged(EDITOR, "Robert", "bob@example.org"));
        created(P, OWNER);
        created(OTHER, OWNER);
        EVENTS.append("Project", Long.toString(P), new ProjectMemberSet(P, EDITOR, ProjectRole.EDITOR));
        EVENTS.append("Project", Long.toString(P), new ProjectMemberSet(P, GONE, ProjectRole.VIEWER));
        EVENTS.append("Project", Long.toString(P), new ProjectMemberRemoved(P, GONE));
        EVENTS.append("Project", Long.toString(P), new NodeCreated(P, NODE, "in", NodeKind.DATA, null, 0, 0, null));
        EVENTS.append("Project", Long.toString(P), new DataLayerCreated(P, PERSONAL, "mine", DataLayerKind.PERSONAL,
                EDITOR));
        EVENTS.append("Project", Long.toString(P), new ApiKeyCreated(P, KEY.id(), "pipeline", ProjectRole.VIEWER,
                null, OWNER, KEY.digest()));
        EVENTS.append("Project", Long.toString(P), new ApiKeyCreated(P, REVOKED.id(), "old", ProjectRole.EDITOR,
                null, OWNER, REVOKED.digest()));
        EVENTS.append("Project", Long.toString(P), new ApiKeyRevoked(P, REVOKED.id()));
        EVENTS.append("Executor", Long.toString(EXECUTOR), new ExecutorRegistered(EXECUTOR, "gpu box",
                new ExecutorCapabilities(Map.of("nvidia", 1), 2)));
        running(500, P, P * 10);
        running(501, OTHER, OTHER * 10);
        running(502, P, PERSONAL);
        running(503, P, P * 10);
        EVENTS.append("Job", "503", new JobCancelled(503, P, EXECUTOR, "stopped by ada"));
    }

    /** A job the executor claimed in the project's layer. */
    static void running(long job, long project, long layer) {
        JobSpec spec = new JobSpec(NODE, layer, List.of(), Map.of(), ContainerSpec.of("python:3.12", "true"),
                List.of(), false);
        EVENTS.append("Job", Long.toString(job), new JobCreated(job, project, spec, EXECUTOR));
        EVENTS.append("Job", Long.toString(job), new JobDispatched(job, project, EXECUTOR, spec));
        EVENTS.append("Job", Long.toString(job), new JobClaimed(job, project, EXECUTOR));
    }

    static void created(long project, long owner) {
        EVENTS.append("Project", Long.toString(project), new ProjectCreated(project, "p" + project, null, owner));
        EVENTS.append("Project", Long.toString(project), new DataLayerCreated(project, project * 10, "main",
                DataLayerKind.SHARED));
        EVENTS.append("Project", Long.toString(project), new ProjectMemberSet(project, owner, ProjectRole.OWNER));
    }

    @AfterAll
    static void stopS3() {
        S3.close();
    }

    @Autowired
    TestRestTemplate http;

    ResponseEntity<String> get(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    /** Once the last event is projected: the revoked key is revoked. */
    void projected() {
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/projects/" + P + "/api_keys",
                TOKENS.admin()).getBody(), body -> body != null && body.contains("revoked_at\":\"20"));
    }

    String user(long id) {
        return TOKENS.user(id, "u" + id, false);
    }

    void assertProblem(ResponseEntity<String> answer, int status) {
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(status);
        assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(ReadModel.json(answer.getBody()).get("status").asInt()).isEqualTo(status);
    }

    @Test
    void anExecutorsRunningJobsAreListedToThoseWhoMaySeeTheirProjects() {
        projected();
        String jobs = "/api/executors/" + EXECUTOR + "/jobs";
        // bob's personal layer is his alone, even for an admin (as everywhere); a cancelled job is not running
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(ReadModel.json(get(jobs, TOKENS.admin()).getBody()).findValuesAsText("id"))
                    .containsExactly("501", "500");
            // ada owns both projects; bob is a member of P only; a stranger of none
            assertThat(ReadModel.json(get(jobs, user(OWNER)).getBody()).findValuesAsText("id"))
                    .containsExactly("501", "500");
            JsonNode bobs = ReadModel.json(get(jobs, user(EDITOR)).getBody());
            assertThat(bobs.findValuesAsText("id")).containsExactly("502", "500");
            assertThat(bobs.findValuesAsText("status")).containsOnly("Dispatched");
            assertThat(bobs.get(1).get("project_id").asLong()).isEqualTo(P);
        });
        assertThat(ReadModel.json(get(jobs, user(STRANGER)).getBody())).isEmpty();
        assertProblem(get("/api/executors/999/jobs", user(OWNER)), 404);
    }

    @Test
    void withoutCredentialsEveryProjectReadIsA401() {
        assertProblem(get("/api/projects", null), 401);
        assertProblem(get("/api/projects/" + P, null), 401);
        assertProblem(get("/api/projects/" + P + "/nodes", null), 401);
    }

    @Test
    void aProjectIsNotFoundForThoseWhoMayNotSeeIt() {
        projected();
        ResponseEntity<String> hidden = get("/api/projects/" + P, user(STRANGER));
        assertProblem(hidden, 404);
        assertThat(ReadModel.json(hidden.getBody()).get("detail").asText())
                .isEqualTo("project " + P + " does not exist");
        assertProblem(get("/api/projects/" + P + "/history", user(GONE)), 404);
        assertProblem(get("/api/projects/" + P + "/nodes", TOKENS.sign(EDITOR, "u22", false,
                Instant.now().minusSeconds(5))), 401);
    }

    @Test
    void aMemberSeesOnlyTheirProjects() {
        projected();
        assertThat(get("/api/projects/" + P, user(EDITOR)).getStatusCode().value()).isEqualTo(200);
        JsonNode mine = ReadModel.json(get("/api/projects", user(EDITOR)).getBody());
        assertThat(mine.findValuesAsText("name")).containsExactly("p" + P);
        JsonNode all = ReadModel.json(get("/api/projects", user(OWNER)).getBody());
        assertThat(all.findValuesAsText("name")).contains("p" + P, "p" + OTHER);
        assertThat(ReadModel.json(get("/api/projects", user(STRANGER)).getBody()).get("total").asLong()).isZero();
    }

    @Test
    void aKeyReadsItsOwnProjectOnly() {
        projected();
        assertThat(get("/api/projects/" + P + "/nodes", KEY.token()).getStatusCode().value()).isEqualTo(200);
        assertThat(ReadModel.json(get("/api/projects", KEY.token()).getBody()).findValuesAsText("name"))
                .containsExactly("p" + P);
        assertProblem(get("/api/projects/" + OTHER, KEY.token()), 404);
    }

    @Test
    void aRevokedOrWrongKeyIsA401() {
        projected();
        assertProblem(get("/api/projects/" + P, REVOKED.token()), 401);
        assertProblem(get("/api/projects/" + P,
                OpaqueCredential.create(OpaqueCredential.Kind.API_KEY, KEY.id()).token()), 401);
    }

    @Test
    void onlyAnAdminReplays() {
        projected();
        assertProblem(get("/api/admin/replay", user(OWNER)), 403);
        assertThat(get("/api/admin/replay", TOKENS.admin()).getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(ReadModel.json(get("/api/projects", TOKENS.admin()).getBody()).get("total").asLong())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void aPersonalLayerIsSeenByItsMakerAlone() {
        projected();
        String layers = "/api/projects/" + P + "/data_layers";
        assertThat(ReadModel.json(get(layers, user(EDITOR)).getBody()).findValuesAsText("label"))
                .containsExactlyInAnyOrder("main", "mine");
        assertThat(ReadModel.json(get(layers, user(OWNER)).getBody()).findValuesAsText("label"))
                .containsExactly("main");
        assertThat(ReadModel.json(get(layers, KEY.token()).getBody()).findValuesAsText("label"))
                .containsExactly("main");
        assertThat(get(layers + "/" + PERSONAL, user(EDITOR)).getStatusCode().value()).isEqualTo(200);
        assertProblem(get(layers + "/" + PERSONAL, user(OWNER)), 404);
        String jobs = "/api/projects/" + P + "/nodes/" + NODE + "/jobs?data_layer_id=" + PERSONAL;
        assertThat(get(jobs, user(EDITOR)).getStatusCode().value()).isEqualTo(200);
        assertProblem(get(jobs, user(OWNER)), 404);
    }

    @Test
    void membersAndKeysNeverShowASecretOrItsDigest() {
        projected();
        String keys = get("/api/projects/" + P + "/api_keys", user(EDITOR)).getBody();
        assertThat(keys).contains("pipeline").doesNotContain(KEY.digest()).doesNotContain(KEY.secret());
    }

    @Test
    void aProjectsUsersAreItsMembersWithTheirLoginsAsTheOriginalPlatformListsThem() {
        projected();
        JsonNode users = ReadModel.json(get("/api/projects/" + P + "/users", user(EDITOR)).getBody());

        assertThat(users.findValuesAsText("user_id")).containsExactly(Long.toString(OWNER), Long.toString(EDITOR));
        assertThat(users.get(0).get("user").get("username").asText()).isEqualTo("ada");
        assertThat(users.get(0).get("role").asText()).isEqualTo("owner");
        assertThat(users.get(1).get("user").get("username").asText()).isEqualTo("bob");
        assertThat(users.get(1).get("user").get("display_name").asText()).isEqualTo("Robert");
        assertThat(users.get(1).get("role").asText()).isEqualTo("editor");
        assertThat(users.toString()).doesNotContain("example.org");
        assertProblem(get("/api/projects/" + P + "/users", user(STRANGER)), 404);
    }

    @Test
    void theApisStatusIsPublicAndAStaleTokenSentAlongDoesNotMatter() {
        ResponseEntity<String> anonymous = get("/api/status", null);
        ResponseEntity<String> stale = get("/api/status", "stale.placeholder.token");

        assertThat(anonymous.getStatusCode().value()).isEqualTo(200);
        assertThat(ReadModel.json(anonymous.getBody()).get("status").asText()).isEqualTo("ok");
        assertThat(stale.getStatusCode().value()).isEqualTo(200);
        // elsewhere the same stale token is refused
        assertProblem(get("/api/projects", "stale.placeholder.token"), 401);
    }
}
