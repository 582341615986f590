package org.tributary.executor.livelog;

import org.tributary.access.Access;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.tributary.executor.backend.JobBackend;
import org.tributary.domain.shared.NotFound;
import org.tributary.executor.job.JobStore;
import org.tributary.executor.jobapi.JobTokens;
import org.tributary.webedge.LogEvents;

import java.io.InputStream;
import java.util.Optional;

/**
 * What a job of this executor prints, while it runs: for query-service, which serves
 * {@code GET /api/projects/{p}/jobs/{j}/log} and comes here for jobs that have not ended. Not under {@code /api}:
 * the gateway never routes here, and the read key keeps jobs' pods out.
 */
@RestController
@Access(value = Access.Rule.HANDLER, checkedBy = "the executor's read key, which only the platform's services know")
class LiveLogController {

    private final JobBackend backend;
    private final JobStore store;
    private final ReadKey key;

    LiveLogController(JobBackend backend, JobStore store, ReadKey key) {
        this.backend = backend;
        this.store = store;
        this.key = key;
    }

    @GetMapping("/internal/jobs/{jobId}/log")
    ResponseEntity<StreamingResponseBody> log(@PathVariable long jobId, @RequestParam(defaultValue = "false") boolean follow,
                          @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                          @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId) {
        if (!key.shownIn(authorization)) {
            throw new JobTokens.Unauthorized("show this executor's read key");
        }
        if (store.find(jobId).isEmpty()) {
            throw new NotFound("job_id", "this executor has no job " + jobId);
        }
        Optional<InputStream> log = backend.log(jobId, follow);
        if (log.isEmpty()) {
            throw new NotFound("job_id", "job " + jobId + " has printed nothing here yet");
        }
        return LogEvents.answer(log.get(), follow, follow, LogEvents.after(lastEventId));
    }
}
