package org.tributary.badinput;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bad requests generated from the operations of the OpenAPI documents: every path and query parameter given
 * hostile values, every body property given every wrong type and size, malformed and truncated bodies, wrong
 * content types and methods, and Tomcat-level path attacks sent to every service directly.
 */
final class Probes {

    /** The ids of real things, for the parameters a probe does not attack. */
    record Ids(long project, long layer, long node, long node2, long link, long pkg, long job, long executor,
               long otherProject, long otherNode, long otherPackage) {
    }

    static final String SHA = "a".repeat(64);
    static final String MIB_STRING = "\"" + "x".repeat(1024 * 1024) + "\"";

    /** Values for a property of a JSON body, as JSON text. */
    static final List<String> VALUES = List.of("null", "0", "-1", "1.5", "9223372036854775808",
            "-9223372036854775809", "1e400", "true", "\"\"", "\"x\"", "\"nul\\u0000\"", "\"ctl\\u0001\\u001f\\u007f\"",
            MIB_STRING, "[]", "[" + "1,".repeat(9_999) + "1]", "{}", "{\"a\":".repeat(100) + "1" + "}".repeat(100),
            "\"(a+)+$\"", "\"(\"", "\"../../etc/passwd\"", "\"<script>alert(1)</script>\"", "[null]", "{\"\":1}",
            // beyond a double, deeper down: where a value is checked against limits, not only read
            "[1e400]", "{\"a\":-1e400}", "[{\"name\":\"a\",\"type\":\"number\",\"default_value\":1e400,"
                    + "\"config\":{\"min\":1e400}}]");

    /** Values for a path or query parameter, as they go into the URL (some already encoded). */
    static final List<String> URL_VALUES = List.of("0", "-1", "9223372036854775807", "9223372036854775808", "abc",
            "1.5", "%00", "%2F", "%5C", "..", "%2e%2e", "%20", "1%00", "%3Cscript%3E", "1e3", "0x10",
            "99999999999999999999999999999999");

    static final List<String> IF_MATCH = List.of("\"abc\"", "W/\"1\"", "*", "\"99999999999999999999\"", "\"-5\"", "");

    static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "TRACE");

    private final Ids ids;
    private final List<Probe> probes = new ArrayList<>();

    Probes(Ids ids) {
        this.ids = ids;
    }

    List<Probe> all() {
        return probes;
    }

    /** A valid body for an operation, so that each probe attacks one thing at a time. */
    String validBody(Operation op) {
        String v = Probe.VERSION;
        String p = op.path();
        String key = op.method() + " " + p;
        return switch (key) {
            case "POST /api/projects" -> "{\"name\":\"probe\"}";
            case "PATCH /api/projects/{projectId}" -> "{\"version\":" + v + "}";
            case "POST /api/projects/{projectId}/nodes" -> "{\"label\":\"n\",\"kind\":\"data\",\"x\":1,\"y\":2,\"version\":" + v + "}";
            case "PATCH /api/projects/{projectId}/nodes/{nodeId}" -> "{\"x\":3,\"version\":" + v + "}";
            case "PUT /api/projects/{projectId}/nodes/{nodeId}/parameters" ->
                    "{\"parameters\":[{\"name\":\"a\",\"type\":\"number\",\"default_value\":1}],\"version\":" + v + "}";
            case "PUT /api/projects/{projectId}/nodes/{nodeId}/parameter_values" -> "{\"values\":{\"a\":2},\"version\":" + v + "}";
            case "PUT /api/projects/{projectId}/nodes/{nodeId}/data_layers/{layerId}/active" -> "{\"active\":true,\"version\":" + v + "}";
            case "POST /api/projects/{projectId}/links" -> "{\"from_node_id\":" + ids.node() + ",\"to_node_id\":" + ids.node2()
                    + ",\"type\":\"push\",\"package_filter\":\"^x\",\"mapping\":{\"a\":\"b\"},\"version\":" + v + "}";
            case "POST /api/projects/{projectId}/data_layers" -> "{\"label\":\"l\",\"kind\":\"shared\",\"version\":" + v + "}";
            case "POST /api/projects/{projectId}/nodes/{nodeId}/packages" -> "{\"label\":\"p\",\"fields\":{\"k\":1},\"files\":[]}";
            case "POST /api/executors" -> "{\"label\":\"e\",\"capabilities\":{\"gpus\":{\"nvidia\":1},\"max_running_jobs\":2}}";
            case "POST /api/executors/{executorId}/jobs/{jobId}/status" -> "{\"status\":\"Queued\"}";
            case "POST /api/executors/{executorId}/jobs/{jobId}/error" -> "{\"error\":\"X\",\"message\":\"m\"}";
            case "POST /api/executors/{executorId}/jobs/{jobId}/complete" -> "{\"exit_code\":0,\"files\":[],\"outputs\":[]}";
            case "POST /api/projects/{projectId}/nodes/{nodeId}/packages/search" -> "{\"master_id\":0}";
            default -> "{}";
        };
    }

    String validValue(String name) {
        return switch (name) {
            case "projectId" -> Long.toString(ids.project());
            case "nodeId" -> Long.toString(ids.node());
            case "layerId", "data_layer_id" -> Long.toString(ids.layer());
            case "linkId" -> Long.toString(ids.link());
            case "packageId" -> Long.toString(ids.pkg());
            case "jobId" -> Long.toString(ids.job());
            case "executorId" -> Long.toString(ids.executor());
            case "sha256" -> SHA;
            case "page" -> "1";
            case "page_size" -> "10";
            case "executable" -> "false";
            case "version" -> Probe.VERSION;
            default -> "1";
        };
    }

    /** Ids of another kind, and of another project, for a parameter that names something. */
    List<String> otherIds(String name) {
        return switch (name) {
            case "projectId" -> List.of(Long.toString(ids.pkg()), Long.toString(ids.job()), Long.toString(ids.executor()));
            case "nodeId" -> List.of(Long.toString(ids.otherNode()), Long.toString(ids.link()), Long.toString(ids.layer()));
            case "packageId" -> List.of(Long.toString(ids.otherPackage()), Long.toString(ids.project()));
            case "jobId" -> List.of(Long.toString(ids.project()), Long.toString(ids.pkg()));
            case "executorId" -> List.of(Long.toString(ids.project()), Long.toString(ids.job()));
            case "layerId", "data_layer_id" -> List.of(Long.toString(ids.node()), Long.toString(ids.project()));
            default -> List.of();
        };
    }

    /** The URL of an operation with the given parameter values (others valid). */
    String url(Operation op, Map<String, String> values) {
        String path = op.path().replace("/**", "/probe.txt");
        StringBuilder query = new StringBuilder();
        for (Operation.Parameter parameter : op.parameters()) {
            String value = values.containsKey(parameter.name()) ? values.get(parameter.name())
                    : parameter.required() || parameter.in().equals("path") ? validValue(parameter.name()) : null;
            if (parameter.in().equals("path")) {
                path = path.replace("{" + parameter.name() + "}", value);
            } else if (parameter.in().equals("query") && value != null) {
                query.append(query.isEmpty() ? "?" : "&").append(parameter.name()).append('=').append(value);
            }
        }
        if (op.path().endsWith("/files/**") && !op.parameters().stream().anyMatch(p -> p.name().equals("version"))) {
            query.append(query.isEmpty() ? "?" : "&").append("version=").append(Probe.VERSION);
        }
        return path + query;
    }

    private void add(String target, String method, String url, String contentType, byte[] body, String what) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        probes.add(new Probe(target, method, url, headers, body, what));
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    /** Every probe for one operation of the user API, sent through the gateway. */
    void operation(Operation op) {
        boolean files = op.path().endsWith("/files/**");
        String valid = op.hasBody() && !files ? validBody(op) : null;
        String json = valid == null ? null : "application/json";
        String name = op.method() + " " + op.path();
        // parameters, one at a time
        for (Operation.Parameter parameter : op.parameters()) {
            if (!parameter.in().equals("path") && !parameter.in().equals("query")) {
                continue;
            }
            Set<String> values = new LinkedHashSet<>(URL_VALUES);
            values.addAll(otherIds(parameter.name()));
            for (String value : values) {
                add("gateway", op.method(), url(op, Map.of(parameter.name(), value)), json, utf8(valid),
                        name + " " + parameter.name() + "=" + value);
            }
            if (parameter.in().equals("query")) {
                add("gateway", op.method(), url(op, Map.of(parameter.name(), "")), json, utf8(valid),
                        name + " " + parameter.name() + " empty");
                add("gateway", op.method(), url(op, Map.of(parameter.name(), validValue(parameter.name()) + "&"
                        + parameter.name() + "=2")), json, utf8(valid), name + " " + parameter.name() + " twice");
            }
        }
        // a required query parameter left out
        for (Operation.Parameter parameter : op.parameters()) {
            if (parameter.in().equals("query") && parameter.required()) {
                Map<String, String> values = new LinkedHashMap<>();
                op.parameters().forEach(p -> values.put(p.name(), p.name().equals(parameter.name()) ? null
                        : validValue(p.name())));
                String url = url(op, Map.of()).replaceAll("([?&])" + parameter.name() + "=[^&]*&?", "$1")
                        .replaceAll("[?&]$", "");
                add("gateway", op.method(), url, json, utf8(valid), name + " without " + parameter.name());
            }
        }
        if (op.parameters().stream().anyMatch(p -> p.name().equals("If-Match"))) {
            for (String ifMatch : IF_MATCH) {
                Probe probe = new Probe("gateway", op.method(), url(op, Map.of()), new LinkedHashMap<>(Map.of(
                        "If-Match", ifMatch)), utf8(valid == null ? null : valid.replace("\"version\":"
                        + Probe.VERSION + ",", "").replace(",\"version\":" + Probe.VERSION, "")),
                        name + " If-Match " + ifMatch);
                if (json != null) {
                    probe.headers().put("Content-Type", json);
                }
                probes.add(probe);
            }
            // a stale version
            if (valid != null && valid.contains(Probe.VERSION)) {
                add("gateway", op.method(), url(op, Map.of()), json, utf8(valid.replace(Probe.VERSION, "1")),
                        name + " stale version");
            }
        }
        if (files) {
            fileProbes(op);
        } else if (op.hasBody()) {
            bodyProbes(op, valid, name);
        }
    }

    private void bodyProbes(Operation op, String valid, String name) {
        String url = url(op, Map.of());
        List<String> raw = List.of("", "{", "}", "{} x", valid + " x", valid + valid, "[]", "null", "\"s\"", "1",
                "true", "{\"a\":1,\"a\":2}", "[".repeat(10_000) + "]".repeat(10_000),
                "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000), valid.substring(0, valid.length() / 2));
        for (String body : raw) {
            add("gateway", op.method(), url, "application/json", utf8(body),
                    name + " body " + (body.length() > 40 ? body.substring(0, 40) + "…" : body));
        }
        add("gateway", op.method(), url, "application/json", concat(new byte[] {(byte) 0xEF, (byte) 0xBB,
                (byte) 0xBF}, utf8(valid)), name + " body with a byte-order mark");
        add("gateway", op.method(), url, "application/json", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"',
                ':', '1', '}'}, name + " body of invalid UTF-8");
        add("gateway", op.method(), url, "application/json", utf8("{\"label\":\"" + "y".repeat(5 * 1024 * 1024)
                + "\"}"), name + " body of 5 MiB");
        for (String type : List.of("text/plain", "application/xml", "multipart/form-data; boundary=x",
                "application/x-www-form-urlencoded", "application/json; charset=utf-16", "*/*", "garbage")) {
            add("gateway", op.method(), url, type, utf8(valid), name + " as " + type);
        }
        // each property of the body given every wrong value; one unknown property; all of them missing
        Set<String> properties = new LinkedHashSet<>(op.bodyProperties().keySet());
        for (String property : properties) {
            for (String value : VALUES) {
                add("gateway", op.method(), url, "application/json", utf8(withProperty(valid, property, value)),
                        name + " " + property + "=" + (value.length() > 30 ? value.substring(0, 30) + "…" : value));
            }
        }
        add("gateway", op.method(), url, "application/json", utf8(withProperty(valid, "unknown_field", "1")),
                name + " with an unknown field");
        add("gateway", op.method(), url, "application/json", utf8("{}"), name + " with no fields");
    }

    private void fileProbes(Operation op) {
        String base = url(op, Map.of());
        String name = op.method() + " " + op.path();
        for (String file : List.of("..%2F..%2Fescape", "%2e%2e/escape", "a/../../escape", "a//b", "%00", "a%00b",
                "a%5Cb", "%2Fabs", "./x", "x/.", "%20", "x".repeat(2000))) {
            add("gateway", op.method(), base.replace("/probe.txt", "/" + file), "text/plain", utf8("echo hi"),
                    name + " name " + (file.length() > 30 ? file.substring(0, 30) + "…" : file));
        }
        if (op.method().equals("PUT")) {
            add("gateway", op.method(), base, "text/plain", new byte[17 * 1024 * 1024], name + " 17 MiB");
            add("gateway", op.method(), base, "\u0000", utf8("x"), name + " content type NUL");
        }
    }

    /** Methods an operation's path does not have. */
    void methods(String path, Set<String> defined) {
        for (String method : METHODS) {
            if (!defined.contains(method)) {
                add("gateway", method, path, "application/json", utf8("{}"), method + " " + path);
            }
        }
    }

    /** What Tomcat refuses before any servlet runs, sent to every service directly and to the gateway. */
    void pathAttacks(List<String> targets) {
        List<String> paths = List.of("/api/projects/%2F", "/api/projects/%5C", "/api/projects/%00",
                "/api/projects/..%2F..%2Fetc", "/api/%2e%2e/%2e%2e/etc/passwd", "/api/projects/" + ids.project()
                        + "/nodes/" + ids.node() + "/files/..%2F..%2Fx", "/api/projects?page=" + "9".repeat(50),
                "/api/projects/" + "1".repeat(5000), "/nothing/here", "/api/", "/api/projects/%ZZ",
                "/api/projects/%", "/api/executor_api/jobs/%2F", "/actuator/%2e%2e/env");
        for (String target : targets) {
            for (String path : paths) {
                add(target, "GET", path, null, null, target + " GET " + (path.length() > 60
                        ? path.substring(0, 60) + "…" : path));
            }
            add(target, "TRACE", "/api/projects", null, null, target + " TRACE");
            add(target, "TRACE", "/", null, null, target + " TRACE /");
            add(target, "POST", "/api/projects", "application/json", utf8("{\"name\":"), target + " truncated");
        }
    }

    /** The job contract's calls with missing, forged and oversized tokens, and bad bodies. */
    void executorApi(long jobId) {
        List<String[]> calls = List.of(new String[] {"GET", "/api/executor_api/jobs/" + jobId},
                new String[] {"GET", "/api/executor_api/jobs/" + jobId + "/files"},
                new String[] {"GET", "/api/executor_api/jobs/" + jobId + "/packages"},
                new String[] {"POST", "/api/executor_api/jobs/" + jobId + "/status"},
                new String[] {"POST", "/api/executor_api/jobs/" + jobId + "/heartbeat"},
                new String[] {"POST", "/api/executor_api/jobs/" + jobId + "/upload_objects"},
                new String[] {"PUT", "/api/executor_api/jobs/" + jobId},
                new String[] {"POST", "/api/executor_api/jobs/" + jobId + "/error"},
                new String[] {"POST", "/api/executor_api/auth/refresh"},
                new String[] {"GET", "/api/executor_api/jobs/abc"},
                new String[] {"GET", "/api/executor_api/jobs/9223372036854775808"},
                new String[] {"POST", "/api/executor_api/jobs/-1/status"});
        List<String> tokens = List.of("", "Bearer", "Bearer ", "Bearer x", "Basic YTpi", "Bearer " + "x".repeat(10_000),
                "Bearer a.b.c", "Bearer \u00e9");
        List<String> bodies = List.of("{}", "{", "{\"status\":\"downloaded\"} x", "{\"objects\":[\"" + SHA + "\"]}",
                "{\"error\":\"" + "E".repeat(101) + "\"}", "[".repeat(10_000));
        for (String[] call : calls) {
            for (String token : tokens) {
                for (String body : bodies) {
                    Map<String, String> headers = new LinkedHashMap<>();
                    headers.put("Content-Type", "application/json");
                    if (!token.isEmpty()) {
                        headers.put("Authorization", token);
                    }
                    probes.add(new Probe("gateway", call[0], call[1], headers, call[0].equals("GET") ? null
                            : utf8(body), call[0] + " " + call[1] + " token " + (token.length() > 20
                            ? token.substring(0, 20) + "…" : token) + " body " + (body.length() > 20
                            ? body.substring(0, 20) + "…" : body)));
                }
            }
        }
    }

    /** The valid body with one property set to a JSON value, added when it is not there. */
    static String withProperty(String body, String property, String value) {
        String key = "\"" + property + "\":";
        int at = body.indexOf(key);
        if (at < 0) {
            return body.equals("{}") ? "{" + key + value + "}" : "{" + key + value + "," + body.substring(1);
        }
        int start = at + key.length();
        int end = endOfValue(body, start);
        return body.substring(0, start) + value + body.substring(end);
    }

    private static int endOfValue(String body, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < body.length(); i++) {
            char c = body.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '{', '[' -> depth++;
                case '}', ']' -> {
                    if (depth == 0) {
                        return i;
                    }
                    depth--;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
                case ',' -> {
                    if (depth == 0) {
                        return i;
                    }
                }
                default -> {
                }
            }
        }
        return body.length();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
