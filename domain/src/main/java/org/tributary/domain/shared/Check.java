package org.tributary.domain.shared;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Small guards used by value objects and aggregates; each failure names its field. */
public final class Check {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private Check() {
    }

    /** A one-line name or label: not blank, not too long, and without control characters. */
    public static String notBlank(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(field, field + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new InvalidInput(field, field + " must be at most " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidInput(field, field + " must not contain control characters (found U+"
                        + String.format("%04X", (int) value.charAt(i)) + ")");
            }
        }
        return value;
    }

    /**
     * Free text (a script, a message, a label read from a file): anything but NUL, which PostgreSQL cannot store in
     * text or jsonb, so one would fail every read model that keeps it. {@code null} passes.
     */
    public static String text(String field, String value, int maxLength) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxLength) {
            throw new InvalidInput(field, field + " must be at most " + maxLength + " characters");
        }
        if (value.indexOf('\0') >= 0) {
            throw new InvalidInput(field, field + " must not contain a NUL character");
        }
        return value;
    }

    /**
     * A JSON value from a request (strings, numbers, booleans, lists, maps): no NUL in any string or name, and at
     * most {@value #MAX_DEPTH} levels deep.
     */
    public static Object jsonValue(String field, Object value) {
        jsonValue(field, value, 0);
        return value;
    }

    static final int MAX_DEPTH = 32;

    private static void jsonValue(String field, Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidInput(field, field + " is nested more than " + MAX_DEPTH + " levels deep");
        }
        if (value instanceof String s) {
            text(field, s, Integer.MAX_VALUE);
        } else if (value instanceof java.util.Map<?, ?> map) {
            for (java.util.Map.Entry<?, ?> e : map.entrySet()) {
                String name = String.valueOf(e.getKey());
                if (name.indexOf('\0') >= 0) {
                    throw new InvalidInput(field, "a name in " + field + " contains a NUL character");
                }
                jsonValue(field + "." + name, e.getValue(), depth + 1);
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                jsonValue(field + "[" + i + "]", list.get(i), depth + 1);
            }
        }
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

    /**
     * The ids one request names, to act on each: at least one, at most {@code max}, none twice (each would be acted
     * on twice, the second time failing after the first took effect).
     */
    public static List<Long> distinctIds(String field, List<Long> ids, int max) {
        List<Long> values = listOf(field, ids);
        if (values.isEmpty()) {
            throw new InvalidInput(field, "name at least one");
        }
        if (values.size() > max) {
            throw new InvalidInput(field, "one request names at most " + max + ", not " + values.size());
        }
        Map<Long, Integer> first = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            Integer before = first.putIfAbsent(values.get(i), i);
            if (before != null) {
                throw new InvalidInput(field + "[" + i + "]", values.get(i) + " is named twice (also " + field + "["
                        + before + "])");
            }
        }
        return values;
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

    /**
     * An {@code http} or {@code https} URL with a host and no user, query or fragment (a path may follow), at most
     * {@code maxLength} characters.
     */
    public static java.net.URI httpUrl(String field, String value, int maxLength) {
        notBlank(field, value, maxLength);
        java.net.URI uri;
        try {
            uri = new java.net.URI(value);
        } catch (java.net.URISyntaxException e) {
            throw new InvalidInput(field, field + " is not a URL: " + e.getMessage());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidInput(field, field + " must be an http or https URL with a host, and no user, query"
                    + " or fragment");
        }
        return uri;
    }

    /**
     * The base URL of a service inside the platform's network: an {@link #httpUrl} with nothing after its port;
     * at most 512 characters. Answered without a trailing slash.
     */
    public static String httpBase(String field, String value) {
        String path = httpUrl(field, value, 512).getRawPath();
        if (path != null && !path.isEmpty() && !"/".equals(path)) {
            throw new InvalidInput(field, field + " must be an http(s) URL with a host and nothing after it,"
                    + " such as http://10.0.0.5:8888");
        }
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
