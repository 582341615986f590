package org.tributary.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An executor API and an S3 stand-in on one {@link HttpServer}: serves one job, its files (content URLs point back
 * here, under {@code /blobs/}), its packages; accepts status, heartbeats, upload requests, object PUTs (under
 * {@code /s3/}), the final PUT and errors; records every request. Tokens rotate on every refresh: only the latest
 * refresh token and the latest access token are accepted.
 */
final class FakeExecutorApi implements AutoCloseable {

    static final String FIRST_REFRESH_TOKEN = "refresh-0";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final long jobId;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, byte[]> corrupted = new ConcurrentHashMap<>();
    private final Map<String, byte[]> stored = new ConcurrentHashMap<>();
    private final Set<String> alreadyStored = ConcurrentHashMap.newKeySet();
    private final ArrayNode files = JSON.createArrayNode();
    private final ArrayNode packages = JSON.createArrayNode();
    private volatile ObjectNode job;
    private int tokenGeneration;
    private String validRefreshToken = FIRST_REFRESH_TOKEN;
    private String validAccessToken;

    FakeExecutorApi(long jobId) throws IOException {
        this.jobId = jobId;
        this.job = JSON.createObjectNode().put("id", jobId);
        job("true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    URI baseUrl() {
        return URI.create(host() + "/api");
    }

    String host() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    // ---- arrangement

    FakeExecutorApi job(String script) {
        job.set("node", JSON.createObjectNode().put("id", 3).put("script", script));
        job.put("is_interactive", false);
        if (!job.has("fields")) {
            job.set("fields", JSON.createArrayNode());
        }
        return this;
    }

    FakeExecutorApi interactive() {
        job.put("is_interactive", true);
        return this;
    }

    FakeExecutorApi parameter(String name, Object value) {
        ((ArrayNode) job.get("fields")).addObject().put("name", name).set("value", JSON.valueToTree(value));
        return this;
    }

    FakeExecutorApi file(String name, String content, boolean executable) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), executable);
    }

    FakeExecutorApi file(String name, byte[] content, boolean executable) {
        String hash = sha256(content);
        blobs.put(hash, content);
        files.addObject()
                .put("name", name)
                .put("content", host() + "/blobs/" + hash + "?X-Amz-Signature=presigned")
                .put("content_hash", hash)
                .put("is_executable", executable);
        return this;
    }

    FakeExecutorApi inputPackage(long id, String label, Map<String, Object> fields) {
        ObjectNode inputPackage = packages.addObject().put("id", id).put("label", label);
        ArrayNode list = inputPackage.putArray("fields");
        fields.forEach((name, value) -> list.addObject().put("name", name).set("value", JSON.valueToTree(value)));
        return this;
    }

    /** The blob with this content is served with other bytes (a corrupt object in S3). */
    FakeExecutorApi corrupt(String content) {
        corrupted.put(sha256(content.getBytes(StandardCharsets.UTF_8)), "garbage".getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** S3 already holds this content, so {@code upload_objects} with {@code check_exists} answers a null link. */
    FakeExecutorApi alreadyStored(String content) {
        alreadyStored.add(sha256(content.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /**
     * The next request whose method matches and whose path ends with {@code pathSuffix} is answered with
     * {@code status}; a 401 also revokes the current access token, so only a refreshed token gets through.
     */
    FakeExecutorApi failNext(String method, String pathSuffix, int status) {
        failures.add(new Failure(method, pathSuffix, status));
        return this;
    }

    // ---- observation

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String method, String pathSuffix) {
        return requests.stream()
                .filter(r -> r.method().equals(method) && r.path().endsWith(pathSuffix))
                .toList();
    }

    /** Requests of the executor API for this job, e.g. {@code "POST", "/status"}; {@code ""} is the final PUT. */
    List<Request> jobRequests(String method, String subPath) {
        String path = "/api/executor_api/jobs/" + jobId + subPath;
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    Map<String, byte[]> storedObjects() {
        return Map.copyOf(stored);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    // ---- serving

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            serve(exchange);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Request request = new Request(method, path, exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Content-Length"), body);
            requests.add(request);

            Failure failure = takeFailure(method, path);
            if (failure != null) {
                if (failure.status() == 401) {
                    synchronized (this) {
                        validAccessToken = null;
                    }
                }
                respond(exchange, failure.status(), "{\"detail\":\"injected " + failure.status() + "\"}");
                return;
            }
            if (path.startsWith("/blobs/")) {
                serveBlob(exchange, path.substring("/blobs/".length()));
            } else if (path.startsWith("/s3/") && method.equals("PUT")) {
                stored.put(path.substring("/s3/".length()), body);
                respond(exchange, 200, "");
            } else if (path.equals("/api/executor_api/auth/refresh") && method.equals("POST")) {
                refresh(exchange, request.authorization());
            } else if (path.startsWith("/api/executor_api/jobs/" + jobId)) {
                synchronized (this) {
                    if (validAccessToken == null
                            || !("Bearer " + validAccessToken).equals(request.authorization())) {
                        respond(exchange, 401, "{\"detail\":\"invalid access token\"}");
                        return;
                    }
                }
                serveJob(exchange, method, path.substring(("/api/executor_api/jobs/" + jobId).length()), body);
            } else {
                respond(exchange, 404, "{\"detail\":\"not found\"}");
            }
        } catch (RuntimeException e) {
            respond(exchange, 500, "{\"detail\":\"" + e + "\"}");
        }
    }

    private Failure takeFailure(String method, String path) {
        for (Failure failure : failures) {
            if (failure.method().equals(method) && path.endsWith(failure.pathSuffix()) && failures.remove(failure)) {
                return failure;
            }
        }
        return null;
    }

    private synchronized void refresh(HttpExchange exchange, String authorization) throws IOException {
        if (!("Bearer " + validRefreshToken).equals(authorization)) {
            respond(exchange, 401, "{\"detail\":\"invalid refresh token\"}");
            return;
        }
        tokenGeneration++;
        validAccessToken = "access-" + tokenGeneration;
        validRefreshToken = "refresh-" + tokenGeneration;
        respond(exchange, 200, JSON.createObjectNode()
                .put("access_token", validAccessToken)
                .put("refresh_token", validRefreshToken).toString());
    }

    private void serveBlob(HttpExchange exchange, String hash) throws IOException {
        byte[] content = corrupted.getOrDefault(hash, blobs.get(hash));
        if (content == null) {
            respond(exchange, 404, "NoSuchKey");
            return;
        }
        exchange.sendResponseHeaders(200, content.length == 0 ? -1 : content.length);
        exchange.getResponseBody().write(content);
    }

    private void serveJob(HttpExchange exchange, String method, String subPath, byte[] body) throws IOException {
        switch (method + " " + subPath) {
            case "GET " -> respond(exchange, 200, job.toString());
            case "GET /files" -> respond(exchange, 200, files.toString());
            case "GET /packages" -> respond(exchange, 200, packages.toString());
            case "POST /status", "POST /heartbeat", "POST /error", "PUT " -> respond(exchange, 200, "{}");
            case "POST /upload_objects" -> uploadObjects(exchange, body);
            default -> respond(exchange, 404, "{\"detail\":\"no such endpoint\"}");
        }
    }

    private void uploadObjects(HttpExchange exchange, byte[] body) throws IOException {
        JsonNode request = JSON.readTree(body);
        boolean checkExists = !request.has("check_exists") || request.get("check_exists").asBoolean();
        ArrayNode answer = JSON.createArrayNode();
        for (JsonNode object : request.get("objects")) {
            String hash = object.asText();
            boolean exists = stored.containsKey(hash) || alreadyStored.contains(hash);
            ObjectNode entry = answer.addObject().put("object_id", hash);
            if (checkExists && exists) {
                entry.putNull("link");
            } else {
                entry.put("link", host() + "/s3/" + hash + "?X-Amz-Signature=presigned");
            }
        }
        respond(exchange, 200, answer.toString());
    }

    private static void respond(HttpExchange exchange, int status, String body) {
        try {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Request(String method, String path, String authorization, String contentType, String contentLength,
                   byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        List<String> objects() {
            List<String> hashes = new ArrayList<>();
            json().get("objects").forEach(hash -> hashes.add(hash.asText()));
            return hashes;
        }
    }

    private record Failure(String method, String pathSuffix, int status) {
    }
}
