package org.tributary.domain.shared;

import java.util.List;
import java.util.regex.Pattern;

/** Small guards used by value objects and aggregates; each failure names its field. */
public final class Check {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private Check() {
    }

    public static String notBlank(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(field, field + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new InvalidInput(field, field + " must be at most " + maxLength + " characters");
        }
        return value;
    }

    public static String sha256(String field, String value) {
        if (value == null || !SHA256.matcher(value).matches()) {
            throw new InvalidInput(field, field + " must be a SHA-256 as 64 lower-case hex digits");
        }
        return value;
    }

    public static int atLeast(String field, int value, int min) {
        if (value < min) {
            throw new InvalidInput(field, field + " must be at least " + min);
        }
        return value;
    }

    /**
     * An unmodifiable copy of a list from a request: empty when absent, refused when an element is missing
     * (which {@link List#copyOf} would otherwise turn into a NullPointerException, an HTTP 500).
     */
    public static <T> List<T> listOf(String field, List<T> values) {
        if (values == null) {
            return List.of();
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new InvalidInput(field + "[" + i + "]", field + "[" + i + "] is missing");
            }
        }
        return List.copyOf(values);
    }

    public static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new InvalidInput(field, field + " is required");
        }
        return value;
    }

    /**
     * A file name inside a package or job tree: relative, '/'-separated, without '.' or '..' parts,
     * so that it can never escape the folder it is written to.
     */
    public static String relativePath(String field, String value) {
        notBlank(field, value, 1024);
        if (value.startsWith("/") || value.contains("\\") || value.contains("\0")) {
            throw new InvalidInput(field, field + " must be a relative path with '/' separators");
        }
        for (String part : value.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new InvalidInput(field, field + " must not contain empty, '.' or '..' parts");
            }
        }
        return value;
    }
}
