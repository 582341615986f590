package org.tributary.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tributary.domain.job.api.JobCancelled;
import org.tributary.domain.job.api.JobClaimed;
import org.tributary.domain.job.api.JobCreated;
import org.tributary.domain.job.api.JobDispatched;
import org.tributary.domain.job.api.JobStatus;
import org.tributary.domain.job.api.JobStatusReported;
import org.tributary.domain.job.api.JobWaiting;
import org.tributary.domain.job.api.JobSpec;
import org.tributary.domain.project.api.ApiKeyCreated;
import org.tributary.domain.project.api.ApiKeyRevoked;
import org.tributary.domain.project.api.DataLayerCreated;
import org.tributary.domain.project.api.NodeCreated;
import org.tributary.domain.project.api.ProjectCreated;
import org.tributary.domain.project.api.ProjectMemberRemoved;
import org.tributary.domain.project.api.ProjectMemberSet;
import org.tributary.domain.project.api.ProjectSecretSet;
import org.tributary.domain.shared.ContainerSpec;
import org.tributary.domain.shared.DataLayerKind;
import org.tributary.domain.shared.NodeKind;
import org.tributary.domain.shared.ProjectRole;
import org.tributary.domain.shared.SealedValue;
import org.tributary.domain.shared.SecretKind;
import org.tributary.testsupport.TestDatabase;
import org.tributary.testsupport.TestEventStore;
import org.tributary.testsupport.TestS3;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A project's history (who did what, newest first), its members and its API keys, from the events. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = QueryServiceApplication.CONFIG_NAME)
class HistoryApiTest {

    static final String KEY_DIGEST = "5e".repeat(32);

    static final TestDatabase DB = TestDatabase.create("query_history");
    static final TestEventStore EVENTS = TestEventStore.create(DB);
    static final TestS3 S3 = TestS3.start();
    static final long P = 40, NODE = 41, OTHER_NODE = 42, JOB = 43, P2 = 50, WAITING_JOB = 51;
    static final String CIPHERTEXT = "c2VhbGVkLWNpcGhlcnRleHQ=";
    static final Instant EXPIRES = Instant.parse("2027-06-01T00:00:00Z");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ReadModel.serve(registry, DB, S3);
    }

    @BeforeAll
    static void appendEvents() {
        Map<String, String> alice = Map.of("principal", "user:11");
        project(new ProjectCreated(P, "lab", null, 11L), alice);
        project(new DataLayerCreated(P, 1, "main", DataLayerKind.SHARED), alice);
        project(new ProjectMemberSet(P, 11, ProjectRole.OWNER), alice);
        project(new NodeCreated(P, NODE, "train", NodeKind.COMPUTE, ContainerSpec.of("python:3.12", "true"), 0, 0,
                null), alice);
        project(new NodeCreated(P, OTHER_NODE, "inbox", NodeKind.DATA, null, 0, 0, null), alice);
        project(new ProjectSecretSet(P, "API_TOKEN", SecretKind.VARIABLE, null, new SealedValue("k1", CIPHERTEXT)),
                alice);
        project(new ProjectMemberSet(P, 12, ProjectRole.EDITOR), alice);
        project(new ProjectMemberSet(P, 13, ProjectRole.VIEWER), alice);
        project(new ProjectMemberRemoved(P, 13), alice);
        project(new ApiKeyCreated(P, 70, "pipeline", ProjectRole.EDITOR, EXPIRES, 12, KEY_DIGEST), Map.of("principal", "user:12"));
        project(new ApiKeyCreated(P, 71, "old", ProjectRole.VIEWER, null, 11, KEY_DIGEST), alice);
        project(new ApiKeyRevoked(P, 71), alice);
        JobSpec spec = new JobSpec(NODE, 1, List.of(), Map.of(), ContainerSpec.of("python:3.12", "true"), List.of(),
                false);
        EVENTS.append("Job", Long.toString(JOB), new JobCreated(JOB, P, spec, null));
        // metadata as Axon and command-service write it: the principal among other keys, one nested under another
        Map<String, Object> withCorrelation = new java.util.LinkedHashMap<>();
        withCorrelation.put("traceId", "7f0c");
        withCorrelation.put("origin", Map.of("principal", "not this one"));
        withCorrelation.put("principal", "key:70");
        EVENTS.append("Job", Long.toString(JOB), new JobCancelled(JOB, P, 3), withCorrelation);

        // another project's job, waiting to be scheduled, granted a secret
        EVENTS.append("Project", Long.toString(P2), new ProjectCreated(P2, "other", 3L));
        JobSpec withSecret = new JobSpec(NODE, 1, List.of(), Map.of(), ContainerSpec.of("python:3.12", "true"),
                List.of(), false, List.of("API_TOKEN"));
        EVENTS.append("Job", Long.toString(WAITING_JOB), new JobCreated(WAITING_JOB, P2, withSecret, 3L));
        EVENTS.append("Job", Long.toString(WAITING_JOB), new JobDispatched(WAITING_JOB, P2, 3, withSecret));
        EVENTS.append("Job", Long.toString(WAITING_JOB), new JobClaimed(WAITING_JOB, P2, 3));
        EVENTS.append("Job", Long.toString(WAITING_JOB), new JobStatusReported(WAITING_JOB, P2, JobStatus.QUEUED));
        EVENTS.append("Job", Long.toString(WAITING_JOB), new JobWaiting(WAITING_JOB, P2,
                "not scheduled: 0/3 nodes are available: 3 Insufficient nvidia.com/gpu"));
    }

    static void project(Object event, Map<String, String> metaData) {
        EVENTS.append("Project", Long.toString(P), event, metaData);
    }

    @AfterAll
    static void stopS3() {
        S3.close();
    }

    @Autowired
    TestRestTemplate http;

    @org.junit.jupiter.api.BeforeEach
    void signIn() {
        ReadModel.asAdmin(http);
    }

    final ObjectMapper mapper = new ObjectMapper();

    JsonNode get(String path) throws Exception {
        ResponseEntity<String> response = http.getForEntity(path, String.class);
        assertThat(response.getStatusCode().value()).as(path + " " + response.getBody()).isEqualTo(200);
        return mapper.readTree(response.getBody());
    }

    JsonNode history(String query) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/projects/" + P + "/history").get("total")
                .asLong() == 14);
        return get("/api/projects/" + P + "/history" + query);
    }

    @Test
    void theHistorySaysWhoDidWhatNewestFirst() throws Exception {
        JsonNode page = history("?page_size=3");

        assertThat(page.get("total").asLong()).isEqualTo(14);
        JsonNode newest = page.get("items").get(0);
        assertThat(newest.get("type").asText()).isEqualTo("JobCancelled");
        assertThat(newest.get("words").asText()).isEqualTo("cancelled job " + JOB);
        assertThat(newest.get("principal").asText()).isEqualTo("key:70");
        assertThat(newest.get("job_id").asLong()).isEqualTo(JOB);
        assertThat(newest.get("data").get("jobId").asLong()).isEqualTo(JOB);
        assertThat(page.get("items").get(1).get("words").asText()).isEqualTo("created job " + JOB + " at node "
                + NODE);
        assertThat(page.get("items").get(1).get("principal").isNull()).isTrue();
        assertThat(page.get("items").get(2).get("words").asText()).isEqualTo("revoked API key 71");
    }

    @Test
    void aSecretsValueIsNotInTheHistory() throws Exception {
        JsonNode secret = history("?type=ProjectSecretSet").get("items").get(0);

        assertThat(secret.get("words").asText()).isEqualTo("set secret API_TOKEN (variable)");
        assertThat(secret.get("data").has("value")).isFalse();
        assertThat(secret.toString()).doesNotContain(CIPHERTEXT);
    }

    @Test
    void theHistoryOfANodeHoldsItsEditsAndItsJobs() throws Exception {
        JsonNode page = history("?node_id=" + NODE);

        assertThat(page.get("items").findValuesAsText("type"))
                .containsExactly("JobCancelled", "JobCreated", "NodeCreated");
    }

    @Test
    void anUnknownEventTypeIsABadRequestNamingTheField() throws Exception {
        history("");
        ResponseEntity<String> response = http.getForEntity("/api/projects/" + P + "/history?type=Nonsense",
                String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(mapper.readTree(response.getBody()).get("field").asText()).isEqualTo("type");
    }

    @Test
    void theHistoryOfAProjectThatDoesNotExistIsNotFound() {
        assertThat(http.getForEntity("/api/projects/999/history", String.class).getStatusCode().value())
                .isEqualTo(404);
    }

    @Test
    void membersAreListedWithTheirRoles() throws Exception {
        history("");
        JsonNode members = get("/api/projects/" + P + "/members");

        assertThat(members.findValuesAsText("user_id")).containsExactly("11", "12");
        assertThat(members.findValuesAsText("role")).containsExactly("owner", "editor");
    }

    @Test
    void apiKeysAreListedWithoutAnySecret() throws Exception {
        history("");
        JsonNode keys = get("/api/projects/" + P + "/api_keys");

        assertThat(keys).hasSize(2);
        assertThat(keys.get(0).get("name").asText()).isEqualTo("pipeline");
        assertThat(keys.get(0).get("role").asText()).isEqualTo("editor");
        assertThat(keys.get(0).get("expires_at").asText()).isEqualTo("2027-06-01T00:00:00Z");
        assertThat(keys.get(0).get("revoked_at").isNull()).isTrue();
        assertThat(keys.get(1).get("revoked_at").isNull()).isFalse();
        assertThat(keys.get(0).fieldNames()).toIterable().doesNotContain("secret", "hash", "token");
    }

    @Test
    void aWaitingJobSaysWhyAndNamesTheSecretsItWasGranted() throws Exception {
        JsonNode job = await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/projects/" + P2 + "/jobs/"
                + WAITING_JOB), j -> j.path("waiting_reason").isTextual());

        assertThat(job.get("status").asText()).isEqualTo("Queued");
        assertThat(job.get("waiting_reason").asText()).contains("Insufficient nvidia.com/gpu");
        assertThat(job.get("secrets").toString()).isEqualTo("[\"API_TOKEN\"]");
        assertThat(get("/api/projects/" + P + "/jobs/" + JOB).get("secrets").isNull()).isTrue();
    }
}
