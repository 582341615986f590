package org.tributary.gateway.interactive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;
import org.tributary.gateway.GatewayProperties;
import org.tributary.gateway.proxy.Forwarder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where an interactive job's Jupyter listens, as query-service knows it from the job's executor
 * ({@code GET /internal/jobs/{id}/interactive}), asked with the caller's credentials: query-service answers an
 * editor of the job's project only. Remembered for a few seconds per job and credential, since a notebook page loads
 * dozens of files at once. A job that runs no Jupyter (not interactive, ended, not started yet, or not the caller's
 * to work in) is {@link NoJupyter}; a caller without valid credentials is {@link Unauthenticated}.
 */
@Component
public class InteractiveTargets {

    private static final Duration REMEMBERED = Duration.ofSeconds(5);

    private final GatewayProperties properties;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();
    private final HttpClient http;
    private final Map<Asked, Known> known = new ConcurrentHashMap<>();

    /** A job, asked about with these credentials (the Authorization header, or null). */
    private record Asked(long jobId, String authorization) {
    }

    private record Known(URI url, Instant until) {
    }

    public InteractiveTargets(GatewayProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The base URL of the job's Jupyter, for a caller with {@code authorization} (the header, or null). */
    public URI of(long jobId, String authorization) {
        Instant now = clock.instant();
        Asked asked = new Asked(jobId, authorization);
        Known remembered = known.get(asked);
        if (remembered != null && remembered.until().isAfter(now)) {
            return remembered.url();
        }
        URI url = ask(jobId, authorization);
        known.put(asked, new Known(url, now.plus(REMEMBERED)));
        if (known.size() > 10_000) {
            known.values().removeIf(k -> !k.until().isAfter(now));
        }
        return url;
    }

    /** The job's Jupyter did not answer: asked again next time, in case it moved. */
    public void forget(long jobId) {
        known.keySet().removeIf(asked -> asked.jobId() == jobId);
    }

    private URI ask(long jobId, String authorization) {
        URI uri = URI.create(properties.queryUrl() + "/internal/jobs/" + jobId + "/interactive");
        HttpResponse<String> answer;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new Forwarder.TargetUnavailable("query-service", uri, false, e);
        } catch (HttpTimeoutException e) {
            throw new Forwarder.TargetUnavailable("query-service", uri, true, e);
        } catch (IOException e) {
            throw new Forwarder.TargetUnavailable("query-service", uri, false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Forwarder.TargetUnavailable("query-service", uri, false, e);
        }
        if (answer.statusCode() == 401) {
            throw new Unauthenticated("Sign in first: a job's notebook is for the editors of its project; send "
                    + "'Authorization: Bearer <token>'");
        }
        if (answer.statusCode() == 404) {
            throw new NoJupyter("job " + jobId + " runs no Jupyter now: it is not interactive, has not started,"
                    + " has ended, or is not in a project you edit");
        }
        if (answer.statusCode() != 200) {
            throw new Forwarder.TargetUnavailable("query-service", uri, false,
                    new IOException("answered " + answer.statusCode()));
        }
        return url(answer.body(), uri);
    }

    /** An http(s) base URL, nothing after the authority: anything else is not followed. */
    private URI url(String body, URI asked) {
        try {
            JsonNode url = json.readTree(body).path("url");
            URI target = URI.create(url.asText(""));
            boolean http = "http".equals(target.getScheme()) || "https".equals(target.getScheme());
            if (http && target.getHost() != null && target.getRawUserInfo() == null
                    && (target.getRawPath() == null || target.getRawPath().isEmpty()) && target.getRawQuery() == null) {
                return target;
            }
        } catch (IOException | IllegalArgumentException e) {
            // answered below
        }
        throw new Forwarder.TargetUnavailable("query-service", asked, false,
                new IOException("answered no usable address"));
    }

    /** The caller sent no valid credentials. */
    public static final class Unauthenticated extends RuntimeException {
        Unauthenticated(String message) {
            super(message);
        }
    }

    /** The job runs no Jupyter now: not interactive, not started, or ended. */
    public static final class NoJupyter extends RuntimeException {
        NoJupyter(String message) {
            super(message);
        }
    }
}
