package org.tributary.gateway.route;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which service owns a call (docs/decisions/0004). Reads and writes share paths and differ only in their method:
 * reads go to query-service, writes to command-service, the executor API to the executor. A package search or
 * archive is a read that needs a body, hence a POST to query-service; the read model's administration
 * ({@code /api/admin}) is query-service's too, except routing's dead letters, which command-service keeps. Each service's OpenAPI document
 * lives under
 * {@code /api/docs/<service>}.
 */
public final class Routes {

    /** Reads that take a body (a search's filters, an archive's package ids), hence POSTs to query-service. */
    private static final Pattern PACKAGE_SEARCH = Pattern.compile(
            "/api/projects/[^/]+/nodes/[^/]+/packages/(search|download)/?");

    /** Unsealed secrets, for the executor that claimed a job: it calls command-service directly, never through here. */
    private static final Pattern JOB_SECRETS = Pattern.compile("/api/executors/[^/]+/jobs/[^/]+/secrets/?");

    /** Where an interactive job's Jupyter listens: the gateway proxies there, so only executors may set it. */
    private static final Pattern JOB_INTERACTIVE = Pattern.compile("/api/executors/[^/]+/jobs/[^/]+/interactive/?");

    private Routes() {
    }

    /** A call the gateway never forwards: it answers 404, as for a path that does not exist. */
    public static boolean internal(String path) {
        return JOB_SECRETS.matcher(path).matches() || JOB_INTERACTIVE.matcher(path).matches();
    }

    /** The target of a request, from its method and its raw (undecoded) path; empty when it is not an API call. */
    public static Optional<Target> of(String method, String path) {
        if (!under(path, "/api")) {
            return Optional.empty();
        }
        if (under(path, "/api/executor_api")) {
            return Optional.of(Target.EXECUTOR);
        }
        if (under(path, "/api/docs/command")) {
            return Optional.of(Target.COMMAND);
        }
        if (under(path, "/api/admin/dead_letters/routing")) {
            return Optional.of(Target.COMMAND);
        }
        // the read model's operations (replay, its dead letters) belong to query-service, whatever the method
        if (under(path, "/api/admin")) {
            return Optional.of(Target.QUERY);
        }
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return Optional.of(Target.QUERY);
        }
        if ("POST".equals(method) && PACKAGE_SEARCH.matcher(path).matches()) {
            return Optional.of(Target.QUERY);
        }
        return Optional.of(Target.COMMAND);
    }

    /** {@code prefix} itself, or anything below it: {@code /api/docs/command.yaml} too, not {@code /apix}. */
    private static boolean under(String path, String prefix) {
        if (!path.startsWith(prefix)) {
            return false;
        }
        if (path.length() == prefix.length()) {
            return true;
        }
        char next = path.charAt(prefix.length());
        return next == '/' || next == '.';
    }
}
