package org.tributary.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services' OpenAPI documents as the web app's typed client is generated from them ({@code frontend/openapi/},
 * {@code npm run api}). A test compares what the running services serve with those files, so the web app's types
 * cannot drift from the API unnoticed; {@code -Dtributary.openapi.write=true} writes them instead (then commit them).
 */
final class ApiDocuments {

    static final Path FOLDER = Path.of("..", "frontend", "openapi");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ApiDocuments() {
    }

    /** @param name {@code command} or {@code query} */
    static void checkOrWrite(String name, JsonNode served) throws IOException {
        String current = normalized(served);
        Path file = FOLDER.resolve(name + ".json");
        if (Boolean.getBoolean("tributary.openapi.write")) {
            Files.createDirectories(FOLDER);
            Files.writeString(file, current, StandardCharsets.UTF_8);
            return;
        }
        assertThat(file).as("the web app's copy of the %s API (run StandaloneTest with "
                + "-Dtributary.openapi.write=true to renew it)", name).exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("frontend/openapi/%s.json is the API the service serves (run StandaloneTest with "
                        + "-Dtributary.openapi.write=true to renew it, then npm run api)", name)
                .isEqualTo(current);
    }

    /** Without the server it was fetched from (the platform's address), keys in order, one line per value. */
    static String normalized(JsonNode document) throws IOException {
        Object tree = JSON.convertValue(document, Object.class);
        if (tree instanceof Map<?, ?> map) {
            map.remove("servers");
        }
        return JSON.writeValueAsString(sorted(tree)) + "\n";
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> ordered = new TreeMap<>();
            map.forEach((key, child) -> ordered.put(String.valueOf(key), sorted(child)));
            return ordered;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ApiDocuments::sorted).toList();
        }
        return value;
    }
}
