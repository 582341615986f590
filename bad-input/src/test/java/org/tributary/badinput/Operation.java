package org.tributary.badinput;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One operation of an OpenAPI document: method, path template, parameters and the body's properties by type. */
record Operation(String method, String path, List<Parameter> parameters, Map<String, String> bodyProperties,
                 boolean hasBody) {

    record Parameter(String name, String in, boolean required, String type) {
    }

    /** Every operation of a springdoc document, its body's schema resolved one level through its $ref. */
    static List<Operation> all(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        JsonNode schemas = document.path("components").path("schemas");
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode p : op.getValue().path("parameters")) {
                    parameters.add(new Parameter(p.path("name").asText(), p.path("in").asText(),
                            p.path("required").asBoolean(false), p.path("schema").path("type").asText("string")));
                }
                JsonNode body = op.getValue().path("requestBody");
                Map<String, String> properties = new LinkedHashMap<>();
                JsonNode schema = body.path("content").elements().hasNext()
                        ? body.path("content").elements().next().path("schema") : body;
                if (schema.has("$ref")) {
                    String ref = schema.get("$ref").asText();
                    schema = schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
                }
                for (Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields(); props.hasNext(); ) {
                    Map.Entry<String, JsonNode> prop = props.next();
                    String type = prop.getValue().has("$ref") ? "object" : prop.getValue().path("type").asText("object");
                    properties.put(prop.getKey(), type);
                }
                operations.add(new Operation(op.getKey().toUpperCase(), path.getKey(), parameters, properties,
                        !body.isMissingNode()));
            }
        }
        return operations;
    }
}
