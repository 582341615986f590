package org.tributary.executor.command;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.tributary.domain.job.api.JobStatus;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The calls the executor makes to command-service. Every call is retried on transport failures, 5xx and 429 with
 * backoff; command-service treats a repeated call as a no-op, so a retry after a lost answer is harmless.
 */
public class CommandClient {

    private static final Logger log = LoggerFactory.getLogger(CommandClient.class);

    private final RestClient http;
    private final int attempts;
    private final Duration firstBackoff;

    private static final Map<String, Object> CLAIMED_AND_QUEUED = Map.of("queued", true);

    public CommandClient(RestClient http, int attempts, Duration firstBackoff) {
        this.http = http;
        this.attempts = attempts;
        this.firstBackoff = firstBackoff;
    }

    /** {@code PUT /api/executors/{e}/endpoint}: where the platform's services reach this executor now. */
    public void announce(long executorId, String apiUrl, String readKey) {
        withRetry("announcement", () -> http.put().uri("/api/executors/{e}/endpoint", executorId)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("api_url", apiUrl, "read_key", readKey))
                .retrieve().toBodilessEntity());
    }

    /**
     * {@code POST /api/executors/{e}/jobs/{j}/claim} with {@code {"queued": true}}: the job is claimed and reported
     * queued in one call; {@link Conflict} when another executor holds the job.
     */
    public void claim(long executorId, long jobId) {
        post(executorId, jobId, "claim", CLAIMED_AND_QUEUED);
    }

    /** {@code POST …/status} with {@code Queued}, {@code Started} or {@code Downloaded}. */
    public void reportStatus(long executorId, long jobId, JobStatus status) {
        post(executorId, jobId, "status", new StatusReport(status.wireName()));
    }

    /** {@code POST …/complete}: the job's script ended; exit 0 carries the output packages. */
    public void complete(long executorId, long jobId, Completion completion) {
        post(executorId, jobId, "complete", completion);
    }

    /** {@code POST …/error}: the job failed outside its script. */
    public void fail(long executorId, long jobId, String error, String message, List<CompletedFile> files) {
        post(executorId, jobId, "error", new Failure(error, message, files.isEmpty() ? null : files));
    }

    /** {@code POST …/log}: what a job stopped here (cancelled, dead) printed, kept as its log. */
    public void keepLog(long executorId, long jobId, List<CompletedFile> files) {
        post(executorId, jobId, "log", Map.of("files", files));
    }

    /** {@code POST …/waiting}: why the claimed job has not started yet. */
    public void waiting(long executorId, long jobId, String reason) {
        post(executorId, jobId, "waiting", Map.of("reason", reason));
    }

    /** {@code POST …/dead}: the job's runner went silent; the job ends as Dead. */
    public void dead(long executorId, long jobId, String message) {
        post(executorId, jobId, "dead", Map.of("message", message));
    }

    /** {@code PUT …/interactive}: where the interactive job's Jupyter listens, for the gateway's proxy. */
    public void openInteractive(long executorId, long jobId, String url) {
        withRetry("interactive address of job " + jobId, () -> http.put()
                .uri("/api/executors/{e}/jobs/{j}/interactive", executorId, jobId)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("url", url))
                .retrieve().toBodilessEntity());
    }

    /** {@code POST …/idle}: the interactive job's Jupyter saw no activity for its idle limit; it is cancelled. */
    public void idle(long executorId, long jobId, long idleMinutes) {
        post(executorId, jobId, "idle", Map.of("idle_minutes", idleMinutes));
    }

    /** {@code POST …/secrets}: the secrets granted to the claimed job's node, unsealed; never logged. */
    public List<org.tributary.executor.backend.JobSecret> secrets(long executorId, long jobId) {
        SecretsAnswer answer = withRetry("secrets of job " + jobId, () -> http.post()
                .uri("/api/executors/{e}/jobs/{j}/secrets", executorId, jobId)
                .retrieve().body(SecretsAnswer.class));
        return answer == null || answer.secrets() == null ? List.of() : answer.secrets();
    }

    record SecretsAnswer(List<org.tributary.executor.backend.JobSecret> secrets) {
    }

    private void post(long executorId, long jobId, String action, Object body) {
        withRetry(action + " of job " + jobId, () -> {
            RestClient.RequestBodySpec request = http.post()
                    .uri("/api/executors/{e}/jobs/{j}/{action}", executorId, jobId, action);
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(body);
            }
            return request.retrieve().toBodilessEntity();
        });
    }

    private <T> T withRetry(String what, Supplier<T> call) {
        Duration backoff = firstBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (HttpStatusCodeException e) {
                if (e.getStatusCode().isSameCodeAs(HttpStatus.CONFLICT)) {
                    throw new Conflict(what + ": " + e.getResponseBodyAsString());
                }
                boolean permanent = !transient_(e.getStatusCode());
                if (permanent || attempt >= attempts) {
                    throw new CommandFailed(what + " failed: " + e.getStatusCode() + " "
                            + e.getResponseBodyAsString(), e, permanent, e.getStatusCode().value(),
                            Refusal.of(e.getResponseBodyAsString()));
                }
                log.warn("{} failed with {} (attempt {}), retrying in {}", what, e.getStatusCode(), attempt, backoff);
            } catch (ResourceAccessException e) {
                if (attempt >= attempts) {
                    throw new CommandFailed(what + " failed: " + e.getMessage(), e, false, 0, null);
                }
                log.warn("{} failed: {} (attempt {}), retrying in {}", what, e.getMessage(), attempt, backoff);
            }
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CommandFailed(what + " interrupted", e, false, 0, null);
            }
            backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0
                    ? Duration.ofSeconds(10) : backoff.multipliedBy(2);
        }
    }

    private static boolean transient_(HttpStatusCode status) {
        return status.is5xxServerError() || status.value() == 429 || status.value() == 408;
    }

    /** command-service refused the call as conflicting with the job's state, e.g. another executor claimed it. */
    public static class Conflict extends RuntimeException {
        Conflict(String message) {
            super(message);
        }
    }

    /** command-service could not be reached, failed, or refused the call for good. */
    public static class CommandFailed extends RuntimeException {
        private final boolean permanent;
        private final int status;
        private final Refusal refusal;

        CommandFailed(String message, Throwable cause, boolean permanent, int status, Refusal refusal) {
            super(message, cause);
            this.permanent = permanent;
            this.status = status;
            this.refusal = refusal;
        }

        /** A 4xx other than 409: the same call will never succeed. */
        public boolean permanent() {
            return permanent;
        }

        /** The status command-service answered, 0 when it did not answer. */
        public int status() {
            return status;
        }

        /** What command-service said when it refused, {@code null} when it did not answer with a problem. */
        public Refusal refusal() {
            return refusal;
        }
    }

    /** The {@code detail} and {@code field} of command-service's problem body. */
    public record Refusal(String detail, String field) {

        private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
                new com.fasterxml.jackson.databind.ObjectMapper();

        static Refusal of(String body) {
            try {
                com.fasterxml.jackson.databind.JsonNode problem = JSON.readTree(body);
                if (problem == null || !problem.isObject()) {
                    return null;
                }
                return new Refusal(problem.path("detail").asText(""),
                        problem.path("field").isTextual() ? problem.get("field").asText() : null);
            } catch (Exception e) {
                return null;
            }
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StatusReport(String status) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Failure(String error, String message, List<CompletedFile> files) {
    }

    /** The body of {@code complete}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Completion(int exitCode, List<CompletedFile> files, List<Output> outputs, String imageDigest) {
    }

    /** A file of the job or of an output package. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CompletedFile(String name, String contentHash, long size, boolean isExecutable, String type) {
    }

    /** One output package, from {@code out/<n>/}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Output(String label, Map<String, Object> fields, List<CompletedFile> files) {
    }
}
