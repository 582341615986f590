package org.tributary.query.job;

import org.tributary.domain.shared.ProjectRole;
import org.tributary.access.Access;
import org.tributary.access.Caller;
import org.tributary.access.Callers;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.tributary.domain.job.api.JobStatus;
import org.tributary.domain.shared.Conflict;
import org.tributary.domain.shared.NotFound;
import org.tributary.webedge.LogEvents;
import org.tributary.webedge.Recheck;
import org.tributary.query.access.StillAllowed;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A job's log, whatever its state: the archived {@code <id>.log} once the job has one, else, while it runs, what
 * its process or pod prints, from its executor. {@code follow=true} answers Server-Sent Events (a {@code line}
 * event per line, numbered, so that {@code Last-Event-ID} resumes after the last line received, and {@code end} when
 * the log is complete); without it, the text so far. A log that is still being followed stops (a {@code revoked}
 * event) once its caller may no longer view the project or the access token it was opened with expires, asked
 * again every {@value #RECHECK_SECONDS} s as lines go out.
 */
@RestController
@Access(value = Access.Rule.PROJECT, role = ProjectRole.VIEWER)
class JobLogController {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static final long RECHECK_SECONDS = 2;

    private final JobQueries queries;
    private final NamedParameterJdbcTemplate jdbc;
    private final StillAllowed stillAllowed;

    JobLogController(JobQueries queries, NamedParameterJdbcTemplate jdbc, StillAllowed stillAllowed) {
        this.queries = queries;
        this.jdbc = jdbc;
        this.stillAllowed = stillAllowed;
    }

    @GetMapping("/api/projects/{projectId}/jobs/{jobId}/log")
    ResponseEntity<StreamingResponseBody> log(@PathVariable("projectId") long projectId,
                                              @PathVariable("jobId") long jobId,
                                              @RequestParam(value = "follow", defaultValue = "false") boolean follow,
                                              @RequestHeader(value = "Last-Event-ID", required = false)
                                              String lastEventId) {
        JobView job = queries.one(projectId, jobId);
        long after = LogEvents.after(lastEventId);
        Recheck recheck = recheck(projectId);
        if (job.log() != null) {
            return LogEvents.answer(open(HttpRequest.newBuilder(URI.create(job.log().content())).build(),
                    "the archived log of job " + jobId), follow, follow, after, recheck);
        }
        if (JobStatus.of(job.status()).isTerminal()) {
            throw new NotFound("job_id", "job " + jobId + " ended (" + job.status() + ") without a log");
        }
        List<Executor> executors = job.executorId() == null ? List.of() : jdbc.query(
                "SELECT api_url, read_key FROM executor WHERE id = :id AND api_url IS NOT NULL",
                new MapSqlParameterSource("id", job.executorId()),
                (rs, i) -> new Executor(rs.getString("api_url"), rs.getString("read_key")));
        if (executors.isEmpty()) {
            throw new Conflict("job_id", "job " + jobId + " runs on an executor that has not said where its live "
                    + "logs are; its log is kept when it ends");
        }
        Executor executor = executors.get(0);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(executor.apiUrl().replaceAll("/+$", "")
                        + "/internal/jobs/" + jobId + "/log?follow=" + follow))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + executor.readKey());
        if (after > 0) {
            request.header("Last-Event-ID", Long.toString(after));
        }
        // the executor numbers and ends the events itself: its answer is passed on as it comes
        return LogEvents.answer(open(request.build(), "the live log of job " + jobId), follow, false, 0, recheck);
    }

    /** The caller of this request, asked about again as the log goes out: it may outlive their access. */
    private Recheck recheck(long projectId) {
        Caller caller = Callers.current();
        Instant expires = Callers.expiresAt().orElse(null);
        return new Recheck(() -> (expires == null || Instant.now().isBefore(expires))
                && stillAllowed.toView(caller, projectId), Duration.ofSeconds(RECHECK_SECONDS));
    }

    private static InputStream open(HttpRequest request, String what) {
        HttpResponse<InputStream> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new Conflict("job_id", what + " cannot be read now: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (response.statusCode() == 404) {
            close(response.body());
            throw new NotFound("job_id", what + " is empty so far: the job has printed nothing yet");
        }
        if (response.statusCode() != 200) {
            close(response.body());
            throw new Conflict("job_id", what + " cannot be read now (" + response.statusCode() + ")");
        }
        return response.body();
    }

    private static void close(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // nothing was read from it
        }
    }

    private record Executor(String apiUrl, String readKey) {
    }
}
