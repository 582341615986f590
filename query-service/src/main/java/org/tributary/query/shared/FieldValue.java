package org.tributary.query.shared;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One package field or job parameter, as the job contract lists them: {@code {"name": …, "value": …}}. */
public record FieldValue(String name, JsonNode value) {

    public static List<FieldValue> list(Map<String, Object> fields, Jsonb json) {
        List<FieldValue> result = new ArrayList<>();
        if (fields != null) {
            fields.forEach((name, value) -> result.add(new FieldValue(name, json.tree(value))));
        }
        return result;
    }
}
