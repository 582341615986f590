package org.tributary.domain.shared;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Package fields and parameter values: small JSON values by name, in insertion order. */
public final class Fields {

    public static final int MAX_NAME_LENGTH = 255;

    private Fields() {
    }

    /** An unmodifiable, ordered copy; validates names. */
    public static Map<String, Object> copyOf(String field, Map<String, Object> fields) {
        if (fields == null || fields.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (name == null || name.isBlank()) {
                throw new InvalidInput(field, field + " must not have a blank name");
            }
            if (name.length() > MAX_NAME_LENGTH) {
                throw new InvalidInput(field, field + " names must be at most " + MAX_NAME_LENGTH + " characters");
            }
            if (name.indexOf('\0') >= 0) {
                throw new InvalidInput(field, field + " names must not contain a NUL character");
            }
            Check.jsonValue(field + "." + name, value);
            copy.put(name, value);
        });
        return Collections.unmodifiableMap(copy);
    }
}
