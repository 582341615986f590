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
}
