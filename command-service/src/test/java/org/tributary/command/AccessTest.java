package org.tributary.command;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.tributary.access.OpaqueCredential;
import org.tributary.command.auth.SigningKeys;
import org.tributary.testsupport.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Who may do what on the write side: accounts, sessions, members, keys and executors, as a client sees them. */
@ExtendWith(OutputCaptureExtension.class)
class AccessTest extends CommandServiceTestBase {

    static final String PASSWORD = "correct horse battery";

    @Autowired
    SigningKeys signingKeys;

    record Job(long executor, long project, long node, long job) {
    }

    /** A project of the admin's with a node and one job dispatched to a new executor. */
    Job dispatchedJob(String name) {
        long executor = executor(name);
        Answer project = call("POST", "/api/projects", Map.of("name", name, "executor_id", executor));
        Answer node = call("POST", "/api/projects/" + project.id() + "/nodes", Map.of("label", "A",
                "container", Map.of("image", "debian:12", "script", "true"), "version", project.version()));
        call("POST", "/api/projects/" + project.id() + "/nodes/" + node.id() + "/packages?data_layer_id="
                + project.body().get("main_data_layer_id").asLong(), Map.of("label", "go"));
        long job = await().atMost(Duration.ofSeconds(20)).until(() -> jobAt(node.id()), id -> id != null);
        return new Job(executor, project.id(), node.id(), job);
    }

    String user(String login) {
        Answer registered = call("POST", "/api/auth/register", Map.of("login", login, "password", PASSWORD,
                "display_name", login, "email", login + "@example.org"), null);
        assertThat(registered.status()).as("%s", registered.body()).isEqualTo(201);
        return login(login, PASSWORD);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    Answer project(String token, String name) {
        Answer project = call("POST", "/api/projects", Map.of("name", name), token);
        assertThat(project.status()).isEqualTo(201);
        return project;
    }

    void assertProblem(Answer answer, int status) {
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(status);
        assertThat(answer.body().get("status").asInt()).isEqualTo(status);
        assertThat(answer.body().get("detail").asText()).isNotBlank();
    }

    @Test
    void anAnonymousCallerCannotActAsAnExecutorAndWritesNothing() {
        Job job = dispatchedJob("forged");
        String base = "/api/executors/" + job.executor() + "/jobs/" + job.job();
        long before = eventCount();
        assertProblem(call("POST", base + "/claim", null, null), 401);
        assertProblem(call("POST", base + "/status", Map.of("status", "Started"), null), 401);
        assertProblem(call("POST", base + "/complete", Map.of("exit_code", 0, "outputs",
                List.of(Map.of("label", "forged", "fields", Map.of("x", 1)))), null), 401);
        assertProblem(call("POST", base + "/claim", null, "trb_e_" + job.executor() + "_" + "A".repeat(43)), 401);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aUserIsNotAnExecutor() {
        Job job = dispatchedJob("not an executor");
        long before = eventCount();
        assertProblem(call("POST", "/api/executors/" + job.executor() + "/jobs/" + job.job() + "/claim", null,
                adminToken()), 403);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void onlyAnAdminRegistersExecutors() {
        String token = user(unique("eve"));
        Map<String, Object> body = Map.of("label", "rogue");
        assertProblem(call("POST", "/api/executors", body, null), 401);
        assertProblem(call("POST", "/api/executors", body, token), 403);
    }

    @Test
    void anAdminGivesAnExecutorANewCredentialAndTheOldOneStopsWorking() {
        Job job = dispatchedJob("leaked");
        String old = EXECUTOR_CREDENTIALS.get(job.executor());
        String claim = "/api/executors/" + job.executor() + "/jobs/" + job.job() + "/claim";
        assertProblem(call("POST", "/api/executors/" + job.executor() + "/credential", null, old), 403);
        Answer renewed = call("POST", "/api/executors/" + job.executor() + "/credential", null, adminToken());
        assertThat(renewed.status()).isEqualTo(200);
        String fresh = renewed.body().get("credential").asText();
        assertThat(fresh).startsWith("trb_e_" + job.executor() + "_").isNotEqualTo(old);
        assertProblem(call("POST", claim, null, old), 401);
        assertThat(call("POST", claim, null, fresh).status()).isEqualTo(200);
        assertProblem(call("POST", "/api/executors/999999999/credential", null, adminToken()), 404);
    }

    @Test
    void aProjectIsNotFoundForANonMemberAsIfItDidNotExist() {
        String alice = user(unique("alice"));
        String bob = user(unique("bob"));
        long p = project(alice, "alice's").id();
        Answer hidden = call("POST", "/api/projects/" + p + "/nodes", Map.of("label", "X", "version", 2), bob);
        Answer missing = call("POST", "/api/projects/" + (p + 100_000) + "/nodes", Map.of("label", "X",
                "version", 2), bob);
        assertProblem(hidden, 404);
        assertThat(hidden.body().get("detail").asText())
                .isEqualTo(missing.body().get("detail").asText().replace(Long.toString(p + 100_000), Long.toString(p)));
    }

    @Test
    void aViewerReadsButCannotEditAndAnOwnerManagesMembers() {
        String carolLogin = unique("carol");
        String carol = user(carolLogin);
        String owner = user(unique("owner"));
        Answer project = project(owner, "shared");
        long p = project.id();
        Answer added = call("PUT", "/api/projects/" + p + "/members/" + carolLogin,
                Map.of("role", "viewer", "version", project.version()), owner);
        assertThat(added.status()).as("%s", added.body()).isEqualTo(200);
        long before = eventCount();
        assertProblem(call("POST", "/api/projects/" + p + "/nodes", Map.of("label", "X",
                "version", added.version()), carol), 403);
        assertProblem(call("PUT", "/api/projects/" + p + "/members/" + carolLogin,
                Map.of("role", "owner", "version", added.version()), carol), 403);
        assertThat(eventCount()).isEqualTo(before);
        Answer promoted = call("PUT", "/api/projects/" + p + "/members/" + carolLogin,
                Map.of("role", "editor", "version", added.version()), owner);
        assertThat(call("POST", "/api/projects/" + p + "/nodes", Map.of("label", "X", "kind", "data",
                "version", promoted.version()), carol).status()).isEqualTo(201);
    }

    @Test
    void anApiKeyActsWithItsRoleOnItsOwnProjectUntilRevoked() {
        String owner = user(unique("keymaker"));
        Answer project = project(owner, "keyed");
        long p = project.id();
        long layer = project.body().get("main_data_layer_id").asLong();
        Answer node = call("POST", "/api/projects/" + p + "/nodes", Map.of("label", "in", "kind", "data",
                "version", project.version()), owner);
        Answer editorKey = call("POST", "/api/projects/" + p + "/api_keys", Map.of("name", "pipeline",
                "role", "editor"), owner);
        Answer viewerKey = call("POST", "/api/projects/" + p + "/api_keys", Map.of("name", "dashboard",
                "role", "viewer"), owner);
        assertThat(editorKey.status()).as("%s", editorKey.body()).isEqualTo(201);
        String key = editorKey.body().get("key").asText();
        String packages = "/api/projects/" + p + "/nodes/" + node.id() + "/packages?data_layer_id=" + layer;

        assertThat(call("POST", packages, Map.of("label", "by key"), key).status()).isEqualTo(201);
        assertProblem(call("POST", packages, Map.of("label", "by viewer key"),
                viewerKey.body().get("key").asText()), 403);
        long other = project(owner, "not the key's").id();
        assertProblem(call("POST", "/api/projects/" + other + "/nodes", Map.of("label", "X", "version", 2), key),
                404);
        assertProblem(call("POST", "/api/projects", Map.of("name", "by a key"), key), 403);

        assertThat(call("DELETE", "/api/projects/" + p + "/api_keys/" + editorKey.id(), null, owner).status())
                .isEqualTo(200);
        assertProblem(call("POST", packages, Map.of("label", "revoked"), key), 401);
    }

    @Test
    void aKeysRoleIsAtMostItsMakers() {
        String viewerLogin = unique("viewer");
        String viewer = user(viewerLogin);
        String owner = user(unique("boss"));
        Answer project = project(owner, "roles");
        call("PUT", "/api/projects/" + project.id() + "/members/" + viewerLogin,
                Map.of("role", "viewer", "version", project.version()), owner);
        assertProblem(call("POST", "/api/projects/" + project.id() + "/api_keys", Map.of("name", "mine",
                "role", "editor"), viewer), 403);
    }

    @Test
    void anExpiredAccessTokenIsRefused() {
        String token = sign(signingKeys.signing(), Instant.now().minusSeconds(60));
        assertProblem(call("POST", "/api/projects", Map.of("name", "late"), token), 401);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws JOSEException {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(signingKeys.signing().getKeyID()).generate();
        assertProblem(call("POST", "/api/projects", Map.of("name", "forged"),
                sign(stranger, Instant.now().plusSeconds(600))), 401);
    }

    /** An admin's token, as an attacker would wish to have one. */
    static String sign(RSAKey key, Instant expiresAt) {
        return TestTokens.sign(key, new JWTClaimsSet.Builder().issuer("tributary").subject("1")
                .claim("login", "admin").claim("adm", true).issueTime(Date.from(expiresAt.minusSeconds(900)))
                .expirationTime(Date.from(expiresAt)).build());
    }

    @Test
    void refreshTokensRotateAndAReusedOneEndsTheSession() {
        String login = unique("dora");
        user(login);
        Answer session = call("POST", "/api/auth/login", Map.of("login", login, "password", PASSWORD), null);
        String first = session.body().get("refresh_token").asText();
        Answer refreshed = call("POST", "/api/auth/refresh", Map.of("refresh_token", first), null);
        assertThat(refreshed.status()).isEqualTo(200);
        String second = refreshed.body().get("refresh_token").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(call("POST", "/api/projects", Map.of("name", "fresh"),
                refreshed.body().get("access_token").asText()).status()).isEqualTo(201);

        assertProblem(call("POST", "/api/auth/refresh", Map.of("refresh_token", first), null), 401);
        assertProblem(call("POST", "/api/auth/refresh", Map.of("refresh_token", second), null), 401);
    }

    @Test
    void logoutEndsTheSession() {
        String login = unique("eli");
        user(login);
        String refresh = call("POST", "/api/auth/login", Map.of("login", login, "password", PASSWORD), null)
                .body().get("refresh_token").asText();
        assertThat(call("POST", "/api/auth/logout", Map.of("refresh_token", refresh), null).status())
                .isEqualTo(204);
        assertProblem(call("POST", "/api/auth/refresh", Map.of("refresh_token", refresh), null), 401);
    }

    @Test
    void aNewPasswordEndsEverySessionAndTheOldOneStopsWorking() {
        String login = unique("fay");
        String token = user(login);
        String refresh = call("POST", "/api/auth/login", Map.of("login", login, "password", PASSWORD), null)
                .body().get("refresh_token").asText();
        assertProblem(call("PUT", "/api/auth/password", Map.of("current_password", "wrong password!",
                "new_password", "another long one"), token), 403);
        assertThat(call("PUT", "/api/auth/password", Map.of("current_password", PASSWORD,
                "new_password", "another long one"), token).status()).isEqualTo(204);
        assertProblem(call("POST", "/api/auth/refresh", Map.of("refresh_token", refresh), null), 401);
        assertProblem(call("POST", "/api/auth/login", Map.of("login", login, "password", PASSWORD), null), 401);
        assertThat(login(login, "another long one")).isNotBlank();
    }

    @Test
    void repeatedFailedLoginsAreThrottled() {
        String login = unique("gus");
        user(login);
        for (int i = 0; i < 5; i++) {
            assertProblem(call("POST", "/api/auth/login", Map.of("login", login, "password", "guess " + i), null),
                    401);
        }
        Answer throttled = call("POST", "/api/auth/login", Map.of("login", login, "password", PASSWORD), null);
        assertProblem(throttled, 429);
    }

    @Test
    void anAdminClosesRegistrationAndStillRegistersUsers() {
        Map<String, Object> body = Map.of("login", unique("hal"), "password", PASSWORD, "display_name", "Hal",
                "email", "hal@example.org");
        try {
            assertThat(call("PUT", "/api/admin/registration", Map.of("open", false), adminToken()).status())
                    .isEqualTo(200);
            assertProblem(call("POST", "/api/auth/register", body, null), 401);
            assertThat(call("POST", "/api/auth/register", body, adminToken()).status()).isEqualTo(201);
        } finally {
            call("PUT", "/api/admin/registration", Map.of("open", true), adminToken());
        }
        assertProblem(call("PUT", "/api/admin/registration", Map.of("open", false), user(unique("ivy"))), 403);
    }

    @Test
    void aLoginIsOneAccountWhateverItsCase() {
        String login = unique("jo");
        user(login);
        Answer again = call("POST", "/api/auth/register", Map.of("login", login.toUpperCase(), "password", PASSWORD,
                "display_name", "Jo", "email", "jo@example.org"), null);
        assertProblem(again, 409);
        assertThat(again.body().get("field").asText()).isEqualTo("login");
    }

    @Test
    void everyEventCarriesWhoCausedIt() {
        String login = unique("kim");
        String token = user(login);
        long p = project(token, "mine").id();
        long userId = jdbc.queryForObject("SELECT user_id FROM account WHERE login = ?", Long.class, login);
        List<String> metadata = jdbc.queryForList("SELECT convert_from(metadata, 'UTF8') FROM domainevententry "
                + "WHERE aggregateidentifier = ?", String.class, Long.toString(p));
        assertThat(metadata).isNotEmpty().allSatisfy(m -> assertThat(m).contains("\"principal\":\"user:" + userId + "\""));
    }

    @Test
    void passwordsAndSecretsAreKeptNowhereButAsHashes(CapturedOutput output) {
        String login = unique("lee");
        String token = user(login);
        Answer project = project(token, "secretive");
        String key = call("POST", "/api/projects/" + project.id() + "/api_keys", Map.of("name", "k",
                "role", "viewer"), token).body().get("key").asText();
        Answer executor = call("POST", "/api/executors", Map.of("label", "secretive"), adminToken());
        String credential = executor.body().get("credential").asText();
        String keySecret = OpaqueCredential.parse(key).orElseThrow().secret();
        String executorSecret = OpaqueCredential.parse(credential).orElseThrow().secret();

        String events = String.join("\n", jdbc.queryForList("SELECT convert_from(payload, 'UTF8') || "
                + "convert_from(metadata, 'UTF8') FROM domainevententry", String.class));
        String kept = String.join("\n", jdbc.queryForList("SELECT concat_ws(' ', secret_digest, name) "
                + "FROM credential", String.class)) + jdbc.queryForList("SELECT password_hash FROM account",
                String.class);
        for (String secret : List.of(PASSWORD, keySecret, executorSecret, token)) {
            assertThat(events).doesNotContain(secret);
            assertThat(kept).doesNotContain(secret);
            assertThat(output.getAll()).doesNotContain(secret);
        }
        assertThat(kept).contains(OpaqueCredential.sha256(keySecret));
    }
}
