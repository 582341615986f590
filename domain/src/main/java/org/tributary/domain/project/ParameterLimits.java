package org.tributary.domain.project;

import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.LabelFilter;
import org.tributary.domain.shared.ParameterDefinition;
import org.tributary.domain.shared.ParameterType;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A parameter's {@code config}, enforced on every value it takes (default and per-layer values alike):
 * {@code min}, {@code max} and {@code step} for numbers, sliders and both ends of a range; {@code regex} for strings
 * (the whole value must match; {@code regex_message} is the refusal's wording); {@code mandatory}: a value must be
 * given (not null, not an empty string). Other config keys (labels, units, widths) are the UI's business.
 */
final class ParameterLimits {

    static final String MIN = "min";
    static final String MAX = "max";
    static final String STEP = "step";
    static final String REGEX = "regex";
    static final String REGEX_MESSAGE = "regex_message";
    static final String MANDATORY = "mandatory";

    private ParameterLimits() {
    }

    /** Refuses a config that could not be enforced: limits that are not numbers, min above max, a bad regex. */
    static void checkConfig(ParameterDefinition p, String field) {
        Map<String, Object> config = p.config();
        BigDecimal min = number(config, MIN, field);
        BigDecimal max = number(config, MAX, field);
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw new InvalidInput(field + ".config.min", "min " + min + " is above max " + max);
        }
        BigDecimal step = number(config, STEP, field);
        if (step != null && step.signum() <= 0) {
            throw new InvalidInput(field + ".config.step", "step must be above 0");
        }
        Object regex = config.get(REGEX);
        if (regex != null) {
            if (!(regex instanceof String text)) {
                throw new InvalidInput(field + ".config.regex", "regex must be a string");
            }
            pattern(text, field);
        }
        Object mandatory = config.get(MANDATORY);
        if (mandatory != null && !(mandatory instanceof Boolean)) {
            throw new InvalidInput(field + ".config.mandatory", "mandatory must be true or false");
        }
    }

    /** Why the value breaks the parameter's limits, or {@code null} when it keeps them. Types are checked before. */
    static String violation(ParameterDefinition p, Object value) {
        Map<String, Object> config = p.config();
        if (value == null || "".equals(value)) {
            return Boolean.TRUE.equals(config.get(MANDATORY)) ? "a value is mandatory" : null;
        }
        if (p.type() == ParameterType.NUMBER || p.type() == ParameterType.SLIDER) {
            return numberViolation(config, value);
        }
        if (p.type() == ParameterType.RANGE) {
            List<?> ends = (List<?>) value;
            if (new BigDecimal(ends.get(0).toString()).compareTo(new BigDecimal(ends.get(1).toString())) > 0) {
                return "the range's start is above its end";
            }
            String start = numberViolation(config, ends.get(0));
            return start != null ? start : numberViolation(config, ends.get(1));
        }
        if (p.type() == ParameterType.STRING && config.get(REGEX) instanceof String regex
                && !pattern(regex, "parameters").matches((String) value)) {
            Object message = config.get(REGEX_MESSAGE);
            return message instanceof String text && !text.isBlank() ? text : "must match " + regex;
        }
        return null;
    }

    private static String numberViolation(Map<String, Object> config, Object value) {
        BigDecimal v = new BigDecimal(value.toString());
        BigDecimal min = (BigDecimal) asNumber(config.get(MIN));
        BigDecimal max = (BigDecimal) asNumber(config.get(MAX));
        if (min != null && v.compareTo(min) < 0) {
            return value + " is below the minimum " + min.stripTrailingZeros().toPlainString();
        }
        if (max != null && v.compareTo(max) > 0) {
            return value + " is above the maximum " + max.stripTrailingZeros().toPlainString();
        }
        BigDecimal step = (BigDecimal) asNumber(config.get(STEP));
        if (step != null) {
            BigDecimal offset = v.subtract(min == null ? BigDecimal.ZERO : min);
            if (offset.remainder(step).signum() != 0) {
                return value + " is not on a step of " + step.stripTrailingZeros().toPlainString() + " from "
                        + (min == null ? "0" : min.stripTrailingZeros().toPlainString());
            }
        }
        return null;
    }

    private static BigDecimal number(Map<String, Object> config, String key, String field) {
        Object value = config.get(key);
        if (value != null && asNumber(value) == null) {
            throw new InvalidInput(field + ".config." + key, key + " must be a number");
        }
        return (BigDecimal) asNumber(value);
    }

    private static Object asNumber(Object value) {
        return value instanceof Number n ? new BigDecimal(n.toString()) : null;
    }

    /** The whole value must match: the user's regex anchored, searched with the label filter's budget. */
    private static LabelFilter pattern(String regex, String field) {
        try {
            return LabelFilter.of("^(?:" + regex + ")\\z");
        } catch (InvalidInput e) {
            throw new InvalidInput(field + ".config.regex", "regex is not a valid regular expression: "
                    + e.getMessage());
        }
    }
}
