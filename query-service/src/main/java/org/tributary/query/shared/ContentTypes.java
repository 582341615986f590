package org.tributary.query.shared;

import java.util.Locale;
import java.util.Set;

/**
 * Whether a file is binary, as the original platform's file objects say ({@code is_binary}), told by its content
 * type: the job runner names text it wrote {@code text/…} or a known text format, and anything it could not read as
 * UTF-8 {@code application/octet-stream}; an upload names its own type. No type at all is binary: a client then
 * downloads bytes rather than decoding text that may not be.
 */
public final class ContentTypes {

    private static final Set<String> TEXT_APPLICATIONS = Set.of("application/json", "application/xml",
            "application/javascript", "application/ecmascript", "application/x-sh", "application/x-shellscript",
            "application/x-python", "application/x-python-code", "application/x-yaml", "application/yaml",
            "application/toml", "application/x-tex", "application/sql", "application/csv", "application/x-ndjson",
            "application/graphql", "application/x-httpd-php", "application/x-perl", "application/x-ruby");

    private ContentTypes() {
    }

    public static boolean binary(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (type.startsWith("text/")) {
            return false;
        }
        if (type.endsWith("+json") || type.endsWith("+xml") || type.endsWith("+yaml")) {
            return false;
        }
        return !TEXT_APPLICATIONS.contains(type);
    }
}
