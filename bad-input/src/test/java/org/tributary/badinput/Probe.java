package org.tributary.badinput;

import java.util.Map;

/**
 * One request of the suite. {@code body} may hold {@value #VERSION} where the project's current version goes, so
 * that a probe aimed at one field is not refused for a stale version first.
 *
 * @param target   the service it goes to: "gateway", or a service's own name
 */
record Probe(String target, String method, String path, Map<String, String> headers, byte[] body, String what) {

    static final String VERSION = "__VERSION__";
}
