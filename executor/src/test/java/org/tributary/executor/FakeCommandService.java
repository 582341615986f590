package org.tributary.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for command-service: records the executor's calls and answers them as the contract says.
 * Registration answers a random id, so that each test class gets its own durable queue.
 */
final class FakeCommandService implements AutoCloseable {

    private static final Pattern JOB_CALL = Pattern.compile("/api/executors/(\\d+)/jobs/(\\d+)/(claim|status|complete|error|dead|waiting|log|interactive|idle)");
    private static final Pattern SECRETS = Pattern.compile("/api/executors/(\\d+)/jobs/(\\d+)/secrets");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param answered the status the call was answered with */
    record Call(String action, long executorId, long jobId, JsonNode body, int answered) {
    }

    final long registeredId = ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000);
    /** What an admin handed this executor when registering it; a call without it is refused (401). */
    final String credential = org.tributary.access.OpaqueCredential.create(
            org.tributary.access.OpaqueCredential.Kind.EXECUTOR, registeredId).token();
    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final Set<Long> claimedElsewhere = ConcurrentHashMap.newKeySet();
    private final Map<String, int[]> failures = new ConcurrentHashMap<>();

    FakeCommandService() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/executors", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Claims of this job answer 409, as when another executor won it. */
    void claimedByAnotherExecutor(long jobId) {
        claimedElsewhere.add(jobId);
    }

    /** The next {@code times} calls of {@code action} for the job answer {@code status} (e.g. 503). */
    void fail(long jobId, String action, int status, int times) {
        failures.put(jobId + "/" + action, new int[] {status, times});
    }

    List<Call> calls(long jobId) {
        return calls.stream().filter(call -> call.jobId() == jobId).toList();
    }

    /**
     * What command-service was told about the job, in order; an accepted claim that says queued is a claim and a
     * report.
     */
    List<String> actions(long jobId) {
        return calls(jobId).stream().flatMap(call -> {
            if (call.action().equals("status")) {
                return java.util.stream.Stream.of("status " + call.body().path("status").asText());
            }
            if (call.action().equals("claim") && call.answered() == 200 && call.body() != null
                    && call.body().path("queued").asBoolean()) {
                return java.util.stream.Stream.of("claim", "status Queued");
            }
            return java.util.stream.Stream.of(call.action());
        }).toList();
    }

    /** The paths of calls that came without this executor's credential. */
    List<String> refused() {
        return refused;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            JsonNode body = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
            boolean put = exchange.getRequestMethod().equals("PUT");
            if (!("Bearer " + credential).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                refused.add(path);
                answer(exchange, 401, "{\"title\": \"Unauthorized\", \"status\": 401}");
            } else if (put && path.matches("/api/executors/\\d+/endpoint")) {
                answer(exchange, 200, "{}");
            } else if (!exchange.getRequestMethod().equals("POST") && !(put && path.endsWith("/interactive"))) {
                answer(exchange, 405, "{}");
            } else if (SECRETS.matcher(path).matches()) {
                // not a step of the job: kept out of its calls
                answer(exchange, 200, "{\"secrets\": []}");
            } else {
                Matcher m = JOB_CALL.matcher(path);
                if (!m.matches()) {
                    answer(exchange, 404, "{}");
                    return;
                }
                long jobId = Long.parseLong(m.group(2));
                int failure = nextFailure(jobId + "/" + m.group(3));
                boolean elsewhere = m.group(3).equals("claim") && claimedElsewhere.contains(jobId);
                calls.add(new Call(m.group(3), Long.parseLong(m.group(1)), jobId, body,
                        failure != 0 ? failure : elsewhere ? 409 : 200));
                if (failure != 0) {
                    answer(exchange, failure, "{\"title\": \"failure\", \"status\": " + failure
                            + ", \"detail\": \"refused by the test\", \"field\": \"test_field\"}");
                } else if (elsewhere) {
                    answer(exchange, 409, "{\"title\": \"Conflict\", \"field\": \"executor_id\", "
                            + "\"detail\": \"job " + jobId + " is claimed by another executor\"}");
                } else {
                    answer(exchange, 200, "{}");
                }
            }
        }
    }

    private synchronized int nextFailure(String key) {
        int[] failure = failures.get(key);
        if (failure == null || failure[1] == 0) {
            return 0;
        }
        failure[1]--;
        return failure[0];
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
