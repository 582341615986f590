package org.tributary.command.web;

import org.tributary.domain.shared.InvalidInput;

/**
 * Every edit of a project names the version the client last saw, in {@code If-Match} or a {@code version} field;
 * a stale one is refused with 409 by the aggregate, so concurrent edits are never silently merged.
 */
public final class Versions {

    private Versions() {
    }

    public static long expected(String ifMatch, Long bodyVersion) {
        Long header = parse(ifMatch);
        if (header != null && bodyVersion != null && !header.equals(bodyVersion)) {
            throw new InvalidInput("version", "If-Match (" + header + ") and version (" + bodyVersion
                    + ") disagree");
        }
        Long version = header != null ? header : bodyVersion;
        if (version == null) {
            throw new InvalidInput("version", "send the project version you last saw, as If-Match or a version "
                    + "field, so that a concurrent edit is not overwritten");
        }
        if (version < 0) {
            throw new InvalidInput("version", "version must not be negative");
        }
        return version;
    }

    static Long parse(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidInput("If-Match", "If-Match must be a project version such as \"3\"");
        }
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }
}
