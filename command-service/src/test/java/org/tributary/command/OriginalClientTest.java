package org.tributary.command;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Writes as the original platform's client scripts send them: no version, their paths and bodies. */
class OriginalClientTest extends GraphTestBase {

    @Test
    void aDataLayerIsMadeWithItsDescriptionAndNoVersion() {
        Answer layer = call("POST", "/api/projects/" + project + "/data_layers", Map.of("label", "trial",
                "description", "a first try"));

        assertThat(layer.status()).as("%s", layer.body()).isEqualTo(201);
        String created = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE "
                + "aggregateidentifier = ? AND payloadtype LIKE '%DataLayerCreated' ORDER BY sequencenumber DESC "
                + "LIMIT 1", String.class, Long.toString(project));
        assertThat(created).contains("\"description\":\"a first try\"");
    }

    @Test
    void aParameterValueIsSetBySchemaId() {
        long work = node("work", "compute", null);
        Answer schema = call("PUT", "/api/projects/" + project + "/nodes/" + work + "/parameters", Map.of(
                "parameters", List.of(Map.of("name", "alpha", "type", "number", "default_value", 0.5),
                        Map.of("name", "depth", "type", "number", "default_value", 2, "config", Map.of("max", 5))),
                "version", version));
        assertThat(schema.status()).isEqualTo(200);

        Answer set = call("PUT", "/api/projects/" + project + "/nodes/" + work + "/param_values/2?data_layer_id="
                + layer, Map.of("value", 4));
        assertThat(set.status()).as("%s", set.body()).isEqualTo(200);
        upload(work, "run", Map.of());
        await().atMost(PATIENCE).until(() -> jobsAt(work).size() == 1);
        assertThat(jobsAt(work).get(0).get("spec").get("fields").get("depth").asInt()).isEqualTo(4);

        Answer beyond = call("PUT", "/api/projects/" + project + "/nodes/" + work + "/param_values/2?data_layer_id="
                + layer, Map.of("value", 6));
        assertThat(beyond.status()).isEqualTo(400);
        assertThat(beyond.body().get("field").asText()).isEqualTo("values.depth");
        Answer unknown = call("PUT", "/api/projects/" + project + "/nodes/" + work + "/param_values/3?data_layer_id="
                + layer, Map.of("value", 1));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("field").asText()).isEqualTo("schema_id");
    }

    @Test
    void aScriptLogsInWithUsernameAndPasswordIgnoringAStaleTokenAndWithoutAContentType() throws Exception {
        Answer tokens = unlabelled("/api/auth/tokens", "{\"username\": \"admin\", \"password\": \""
                + ADMIN_PASSWORD + "\"}", "Bearer stale.placeholder.token");

        assertThat(tokens.status()).as("%s", tokens.body()).isEqualTo(200);
        assertThat(tokens.body().get("access_token").asText()).isNotBlank();
        assertThat(tokens.body().get("refresh_token").asText()).isNotBlank();
        assertThat(call("GET", "/api/projects/" + project, null, tokens.body().get("access_token").asText()).status())
                .isNotEqualTo(401);
    }

    @Test
    void aScriptRefreshesWithItsRefreshTokenAsTheBearerAndTheOldOneStopsWorking() throws Exception {
        Answer first = unlabelled("/api/auth/tokens", "{\"username\": \"admin\", \"password\": \""
                + ADMIN_PASSWORD + "\"}", null);
        String refresh = first.body().get("refresh_token").asText();

        Answer next = unlabelled("/api/auth/tokens/refresh", "", "Bearer " + refresh);

        assertThat(next.status()).as("%s", next.body()).isEqualTo(200);
        assertThat(next.body().get("access_token").asText()).isNotBlank();
        assertThat(next.body().get("refresh_token").asText()).isNotEqualTo(refresh);
        Answer again = unlabelled("/api/auth/tokens/refresh", "", "Bearer " + refresh);
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.body().get("field").asText()).isEqualTo("refresh_token");
        Answer none = unlabelled("/api/auth/tokens/refresh", "", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.body().get("field").asText()).isEqualTo("refresh_token");
    }

    @Test
    void aWrongPasswordAtTheTokenLoginIsA401ProblemAndNoTokens() throws Exception {
        Answer user = call("POST", "/api/auth/register", Map.of("login", "scripted", "password", "the right one",
                "display_name", "Scripted", "email", "scripted@example.org"));
        assertThat(user.status()).as("%s", user.body()).isEqualTo(201);

        Answer wrong = unlabelled("/api/auth/tokens", "{\"username\": \"scripted\", \"password\": \"wrong\"}",
                null);

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body().get("field").asText()).isEqualTo("password");
        assertThat(wrong.body().has("access_token")).isFalse();
        Answer missing = unlabelled("/api/auth/tokens", "{\"password\": \"the right one\"}", null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().get("field").asText()).isEqualTo("username");
    }

    @Test
    void anOlderClientNamesThePackagesDataLayerInTheBody() {
        long inbox = node("inbox", "data", null);
        String path = "/api/projects/" + project + "/nodes/" + inbox + "/packages";

        Answer posted = call("POST", path, Map.of("label", "old style", "data_layer_id", layer));

        assertThat(posted.status()).as("%s", posted.body()).isEqualTo(201);
        assertThat(posted.body().get("data_layer_id").asLong()).isEqualTo(layer);
        Answer both = call("POST", path + "?data_layer_id=" + layer, Map.of("label", "x", "data_layer_id", layer));
        assertThat(both.status()).isEqualTo(201);
        Answer disagreeing = call("POST", path + "?data_layer_id=" + layer, Map.of("label", "x",
                "data_layer_id", layer + 1000));
        assertThat(disagreeing.status()).isEqualTo(400);
        assertThat(disagreeing.body().get("field").asText()).isEqualTo("data_layer_id");
        Answer neither = call("POST", path, Map.of("label", "x"));
        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.body().get("field").asText()).isEqualTo("data_layer_id");
    }

    /** A POST as Python's requests sends {@code data=json.dumps(...)}: no Content-Type; the given Authorization. */
    private Answer unlabelled(String path, String body, String authorization) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + path))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        java.net.http.HttpResponse<String> response = HTTP.send(request.build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
    }
}
