package org.tributary.domain.shared;

import java.util.Map;

/**
 * One entry of a node's parameter schema.
 *
 * @param name         the key under which the value reaches the job ({@code in/params.json})
 * @param label        what the UI shows; the name when absent
 * @param type         how the UI edits it
 * @param defaultValue value used in a data layer that sets none
 * @param config       type-specific settings (min, max, step, …)
 */
public record ParameterDefinition(String name, String label, ParameterType type, Object defaultValue,
                                  Map<String, Object> config) {

    public ParameterDefinition {
        Check.notBlank("parameters.name", name, Fields.MAX_NAME_LENGTH);
        if (label == null || label.isBlank()) {
            label = name;
        }
        Check.notBlank("parameters.label", label, 255);
        Check.jsonValue("parameters.default_value", defaultValue);
        Check.notNull("parameters.type", type);
        config = Fields.copyOf("parameters.config", config);
    }
}
