package org.tributary.domain.project;

import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.ParameterDefinition;

import java.util.List;

/** Whether a value suits a parameter's type; {@code null} always does (the job then receives null). */
final class ParameterValues {

    private ParameterValues() {
    }

    static void check(ParameterDefinition parameter, Object value, String field) {
        if (!fits(parameter, value)) {
            throw new InvalidInput(field, field + " does not suit parameter type " + parameter.type().wireName());
        }
    }

    static boolean fits(ParameterDefinition parameter, Object value) {
        if (value == null) {
            return true;
        }
        return switch (parameter.type()) {
            case STRING, DATE -> value instanceof String;
            case NUMBER, SLIDER -> value instanceof Number;
            case TOGGLE -> value instanceof Boolean;
            case RANGE -> value instanceof List<?> list && list.size() == 2
                    && list.stream().allMatch(v -> v instanceof Number);
        };
    }
}
