package org.tributary.runner;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.tributary.runner.api.ErrorReport;
import org.tributary.runner.api.Heartbeat;
import org.tributary.runner.api.InputPackage;
import org.tributary.runner.api.Job;
import org.tributary.runner.api.JobFile;
import org.tributary.runner.api.JobResult;
import org.tributary.runner.api.StatusUpdate;
import org.tributary.runner.api.Tokens;
import org.tributary.runner.api.UploadLink;
import org.tributary.runner.api.UploadObjects;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The client side of the executor API for one job: token refresh and rotation, one re-send after a {@code 401},
 * retries with backoff on connection failures and {@code 502/503/504} (every endpoint is idempotent), and the plain
 * (unauthenticated) transfers to and from presigned URLs.
 */
final class ExecutorApi {

    static final int MAX_ATTEMPTS = 5;
    private static final Set<Integer> RETRYABLE = Set.of(502, 503, 504);
    /**
     * Object storage asks for a retry with 500 too (S3's {@code InternalError}: "Try again"); its presigned GETs and
     * PUTs of whole objects are safe to repeat.
     */
    private static final Set<Integer> STORAGE_RETRYABLE = Set.of(500, 502, 503, 504);
    private static final Duration API_TIMEOUT = Duration.ofMinutes(5);

    private final URI base;
    private final String jobPath;
    private final Duration backoff;
    private final Consumer<String> log;
    /**
     * One client and one mapper for every job of this JVM (both are thread-safe): an executor that runs its runners
     * in-process keeps its connections and Jackson's per-type work from one job to the next.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private String refreshToken;
    private String accessToken;

    ExecutorApi(URI base, long jobId, String refreshToken, Duration backoff, Consumer<String> log) {
        this.base = base;
        this.jobPath = "/executor_api/jobs/" + jobId;
        this.refreshToken = refreshToken;
        this.backoff = backoff;
        this.log = log;
    }

    ObjectMapper json() {
        return JSON;
    }

    /** Trades the refresh token for an access token (and the rotated refresh token). */
    void authenticate() throws IOException {
        synchronized (this) {
            refresh();
        }
    }

    synchronized boolean authenticated() {
        return accessToken != null;
    }

    Job job() throws IOException {
        return call("GET", jobPath, null, new TypeReference<>() {
        });
    }

    List<JobFile> files() throws IOException {
        return call("GET", jobPath + "/files", null, new TypeReference<>() {
        });
    }

    List<InputPackage> packages() throws IOException {
        return call("GET", jobPath + "/packages", null, new TypeReference<>() {
        });
    }

    void status(StatusUpdate status) throws IOException {
        call("POST", jobPath + "/status", status, null);
    }

    void heartbeat(Heartbeat heartbeat) throws IOException {
        call("POST", jobPath + "/heartbeat", heartbeat, null);
    }

    List<UploadLink> uploadObjects(UploadObjects request) throws IOException {
        return call("POST", jobPath + "/upload_objects", request, new TypeReference<>() {
        });
    }

    void finish(JobResult result) throws IOException {
        call("PUT", jobPath, result, null);
    }

    void error(ErrorReport report) throws IOException {
        call("POST", jobPath + "/error", report, null);
    }

    /** GETs a (presigned) URL into {@code target}, without an auth header. */
    void download(String url, Path target, String what) throws IOException {
        URI uri = base.resolve(url);
        HttpResponse<String> response = send("GET " + what, STORAGE_RETRYABLE,
                () -> HttpRequest.newBuilder(uri).GET().build(),
                info -> info.statusCode() / 100 == 2
                        ? HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofFile(target,
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING),
                        file -> "")
                        : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw new ApiException("GET " + what, response.statusCode(), response.body());
        }
    }

    /** PUTs a file's raw bytes to a (presigned) URL, without an auth header; the client sets Content-Length. */
    void upload(String url, Path file, String contentType, String what) throws IOException {
        URI uri = base.resolve(url);
        HttpResponse<String> response = send("PUT " + what, STORAGE_RETRYABLE, () -> HttpRequest.newBuilder(uri)
                        .header("Content-Type", contentType)
                        .PUT(HttpRequest.BodyPublishers.ofFile(file))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw new ApiException("PUT " + what, response.statusCode(), response.body());
        }
    }

    private <T> T call(String method, String path, Object body, TypeReference<T> answer) throws IOException {
        byte[] payload = body == null ? null : JSON.writeValueAsBytes(body);
        String request = method + " " + path;
        String token = currentAccessToken();
        HttpResponse<byte[]> response = send(request, authorized(method, path, payload, token),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 401) {
            token = accessTokenReplacing(token);
            response = send(request, authorized(method, path, payload, token),
                    HttpResponse.BodyHandlers.ofByteArray());
        }
        if (response.statusCode() / 100 != 2) {
            throw new ApiException(request, response.statusCode(),
                    new String(response.body(), StandardCharsets.UTF_8));
        }
        return answer == null ? null : JSON.readValue(response.body(), answer);
    }

    private RequestFactory authorized(String method, String path, byte[] payload, String token) {
        return () -> {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(API_TIMEOUT)
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json");
            if (payload == null) {
                builder.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                builder.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(payload));
            }
            return builder.build();
        };
    }

    private synchronized String currentAccessToken() throws IOException {
        if (accessToken == null) {
            refresh();
        }
        return accessToken;
    }

    /**
     * After a {@code 401} for {@code rejected}: refreshes, unless another thread (the heartbeat) has refreshed in the
     * meantime; a second refresh with the already rotated refresh token would be refused.
     */
    private synchronized String accessTokenReplacing(String rejected) throws IOException {
        if (rejected.equals(accessToken)) {
            refresh();
        }
        return accessToken;
    }

    private void refresh() throws IOException {
        String token = refreshToken;
        String request = "POST /executor_api/auth/refresh";
        HttpResponse<byte[]> response = send(request, () -> HttpRequest.newBuilder(
                                URI.create(base + "/executor_api/auth/refresh"))
                        .timeout(API_TIMEOUT)
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw new ApiException(request, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        }
        Tokens tokens = JSON.readValue(response.body(), Tokens.class);
        if (tokens.accessToken() == null || tokens.accessToken().isBlank()) {
            throw new IOException(request + " answered no access_token");
        }
        accessToken = tokens.accessToken();
        if (tokens.refreshToken() != null && !tokens.refreshToken().isBlank()) {
            refreshToken = tokens.refreshToken();
        }
    }

    private <T> HttpResponse<T> send(String what, RequestFactory request, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        return send(what, RETRYABLE, request, handler);
    }

    private <T> HttpResponse<T> send(String what, Set<Integer> retryable, RequestFactory request,
                                     HttpResponse.BodyHandler<T> handler) throws IOException {
        for (int attempt = 1; ; attempt++) {
            HttpRequest built = request.create();
            try {
                HttpResponse<T> response = HTTP.send(built, handler);
                if (!retryable.contains(response.statusCode()) || attempt == MAX_ATTEMPTS) {
                    return response;
                }
                log.accept(what + " answered " + response.statusCode() + "; retrying (attempt " + (attempt + 1)
                        + " of " + MAX_ATTEMPTS + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException(what + " interrupted");
            } catch (IOException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                log.accept(what + " failed: " + JobRunner.describe(e) + "; retrying (attempt " + (attempt + 1)
                        + " of " + MAX_ATTEMPTS + ")");
            }
            pause(backoff.multipliedBy(1L << (attempt - 1)));
        }
    }

    private static void pause(Duration duration) throws InterruptedIOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while backing off");
        }
    }

    @FunctionalInterface
    private interface RequestFactory {
        HttpRequest create() throws IOException;
    }
}
