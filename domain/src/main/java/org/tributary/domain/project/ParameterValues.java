package org.tributary.domain.project;

import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.ParameterDefinition;

import java.util.List;

/**
 * Whether a value suits a parameter: its type ({@code null} suits every type: the job then receives null) and the
 * limits of its config ({@link ParameterLimits}).
 */
final class ParameterValues {

    private ParameterValues() {
    }

    static void check(ParameterDefinition parameter, Object value, String field) {
        if (!suitsType(parameter, value)) {
            throw new InvalidInput(field, field + " does not suit parameter type " + parameter.type().wireName());
        }
        String violation = ParameterLimits.violation(parameter, value);
        if (violation != null) {
            throw new InvalidInput(field, "parameter '" + parameter.name() + "': " + violation);
        }
    }

    static boolean fits(ParameterDefinition parameter, Object value) {
        return suitsType(parameter, value) && ParameterLimits.violation(parameter, value) == null;
    }

    private static boolean suitsType(ParameterDefinition parameter, Object value) {
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
