package org.tributary.executor.jobapi;

import org.tributary.access.Access;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.domain.job.api.JobInput;
import org.tributary.domain.job.api.JobSpec;
import org.tributary.domain.shared.Check;
import org.tributary.domain.shared.Conflict;
import org.tributary.domain.shared.ContainerSpec;
import org.tributary.domain.shared.FileRef;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.NotFound;
import org.tributary.executor.command.CommandClient;
import org.tributary.executor.command.CommandClient.Completion;
import org.tributary.executor.config.EventJson;
import org.tributary.executor.job.JobLifecycle;
import org.tributary.executor.job.JobState;
import org.tributary.executor.job.JobStore;
import org.tributary.executor.job.StoredJob;
import org.tributary.executor.job.Texts;
import org.tributary.executor.jobapi.JobApiDtos.ErrorReport;
import org.tributary.executor.jobapi.JobApiDtos.Field;
import org.tributary.executor.jobapi.JobApiDtos.FileView;
import org.tributary.executor.jobapi.JobApiDtos.FinalReport;
import org.tributary.executor.jobapi.JobApiDtos.JobView;
import org.tributary.executor.jobapi.JobApiDtos.NodeView;
import org.tributary.executor.jobapi.JobApiDtos.PackageView;
import org.tributary.executor.jobapi.JobApiDtos.StatusRequest;
import org.tributary.executor.jobapi.JobApiDtos.Tokens;
import org.tributary.executor.jobapi.JobApiDtos.UploadLink;
import org.tributary.executor.jobapi.JobApiDtos.UploadRequest;
import org.tributary.executor.storage.ObjectStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The executor API of the job contract ({@code shared/contract/job-api.md}), served to the runners of this
 * executor's jobs. Every call but {@code auth/refresh} needs an access token of the job it names. Every call is
 * idempotent: a runner retries on connection resets and 502/504.
 */
@RestController
@RequestMapping("/api/executor_api")
@Access(value = Access.Rule.HANDLER, checkedBy = "the job's own token (JobTokens): it reaches that job only")
class ExecutorApiController {

    private static final Map<String, Object> OK = Map.of();
    private static final int MAX_LOG_TAIL = 64 * 1024;
    /** Hashes one {@code upload_objects} call may name (a documented limit; 400 beyond it). */
    static final int MAX_UPLOAD_OBJECTS = 10_000;

    private final JobTokens tokens;
    private final JobStore jobs;
    private final JobLifecycle lifecycle;
    private final ObjectStore objects;
    private final FinalReports finalReports;
    private final ObjectMapper json;

    ExecutorApiController(JobTokens tokens, JobStore jobs, JobLifecycle lifecycle, ObjectStore objects,
                          FinalReports finalReports, EventJson eventJson) {
        this.tokens = tokens;
        this.jobs = jobs;
        this.lifecycle = lifecycle;
        this.objects = objects;
        this.finalReports = finalReports;
        this.json = eventJson.mapper();
    }

    @PostMapping("/auth/refresh")
    Tokens refresh(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        JobTokens.TokenPair pair = tokens.refresh(bearer(authorization));
        return new Tokens(pair.accessToken(), pair.refreshToken());
    }

    @GetMapping("/jobs/{id}")
    JobView job(@PathVariable long id, @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        StoredJob job = authorized(authorization, id);
        JobSpec spec = job.spec();
        ContainerSpec container = spec.container();
        NodeView node = new NodeView(spec.nodeId(), container.script(), container.image(), container.memory(),
                container.cores(), container.gpus(), container.gpuKind() == null ? null : container.gpuKind().wireName(),
                container.timeLimitMinutes(), container.priority().wireName(),
                container.imagePullPolicy() == null ? null : container.imagePullPolicy().wireName());
        return new JobView(job.jobId(), fields(spec.fields()), spec.interactive(), node, job.projectId(), spec.layerId());
    }

    @GetMapping("/jobs/{id}/files")
    List<FileView> files(@PathVariable long id,
                         @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        StoredJob job = authorized(authorization, id);
        List<FileView> files = new ArrayList<>();
        for (FileRef file : nullSafe(job.spec().nodeFiles())) {
            files.add(view(job.projectId(), file.name(), file));
        }
        for (JobInput input : nullSafe(job.spec().inputs())) {
            for (FileRef file : nullSafe(input.files())) {
                files.add(view(job.projectId(), "in/" + input.packageId() + "/files/" + file.name(), file));
            }
        }
        return files;
    }

    @GetMapping("/jobs/{id}/packages")
    List<PackageView> packages(@PathVariable long id,
                               @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        StoredJob job = authorized(authorization, id);
        return nullSafe(job.spec().inputs()).stream()
                .map(input -> new PackageView(input.packageId(), input.label(), fields(input.fields())))
                .toList();
    }

    @PostMapping("/jobs/{id}/status")
    Map<String, Object> status(@PathVariable long id, @RequestBody StatusRequest request,
                               @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        authorized(authorization, id);
        if (request == null || !"downloaded".equalsIgnoreCase(request.status())) {
            throw new InvalidInput("status", "status must be \"downloaded\"");
        }
        lifecycle.downloaded(id);
        return OK;
    }

    @PostMapping("/jobs/{id}/heartbeat")
    Map<String, Object> heartbeat(@PathVariable long id,
                                  @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                  jakarta.servlet.http.HttpServletRequest request) throws java.io.IOException {
        authorized(authorization, id);
        // streamed, not bound: a heartbeat is never refused for its size (HeartbeatTail)
        jobs.heartbeat(id, Texts.storable(HeartbeatTail.read(request.getInputStream(), MAX_LOG_TAIL)));
        return OK;
    }

    @PostMapping("/jobs/{id}/upload_objects")
    List<UploadLink> uploadObjects(@PathVariable long id, @RequestBody UploadRequest request,
                                   @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        StoredJob job = authorized(authorization, id);
        if (request == null || request.objects() == null) {
            throw new InvalidInput("objects", "objects (a list of SHA-256 hashes) is required");
        }
        if (request.objects().size() > MAX_UPLOAD_OBJECTS) {
            throw new InvalidInput("objects", "one call may name at most " + MAX_UPLOAD_OBJECTS + " objects");
        }
        for (int i = 0; i < request.objects().size(); i++) {
            Check.sha256("objects[" + i + "]", request.objects().get(i));
        }
        boolean checkExists = request.checkExists() == null || request.checkExists();
        Set<String> stored = checkExists ? objects.stored(job.projectId(), request.objects()) : Set.of();
        List<UploadLink> links = new ArrayList<>();
        for (String hash : request.objects()) {
            links.add(new UploadLink(hash, stored.contains(hash) ? null : objects.uploadUrl(job.projectId(), hash)));
        }
        return links;
    }

    @PutMapping("/jobs/{id}")
    Map<String, Object> finish(@PathVariable long id, @RequestBody FinalReport report,
                               @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        StoredJob job = authorized(authorization, id);
        if (report == null) {
            throw new InvalidInput("status", "a body with status and files is required");
        }
        int exitCode = FinalReports.exitCode(report);
        List<FileRef> files = FinalReports.files(report);
        JsonNode result = finalReports.normalized(exitCode, files);
        if (job.state().isFinished()) {
            if (job.state() == JobState.COMPLETED && job.result() != null && result.equals(tree(job.result()))) {
                return OK;
            }
            throw new Conflict("status", "job " + id + " has already ended (" + job.state().dbName() + ")");
        }
        Completion completion;
        try {
            completion = finalReports.completion(job.projectId(), exitCode, files);
        } catch (FinalReports.InvalidOutput e) {
            // the job ends in Error naming the bad file, and keeps its log and every file it did upload
            lifecycle.failed(id, "OutputError", e.getMessage(), finalReports.kept(job.projectId(), files));
            throw new InvalidInput("files", e.getMessage());
        }
        try {
            lifecycle.complete(id, completion, result.toString());
        } catch (CommandClient.Conflict e) {
            lifecycle.failed(id, "Conflict", e.getMessage());
            throw new Conflict("status", e.getMessage());
        } catch (CommandClient.CommandFailed e) {
            if (!e.permanent()) {
                throw e;
            }
            // refused for good: the job ends, and the runner hears the refusal as it was given
            lifecycle.failed(id, "CompletionRefused", e.getMessage());
            throw e;
        }
        return OK;
    }

    @PostMapping("/jobs/{id}/error")
    Map<String, Object> error(@PathVariable long id, @RequestBody ErrorReport report,
                              @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        StoredJob job = authorized(authorization, id);
        if (report == null || report.error() == null || report.error().isBlank()) {
            throw new InvalidInput("error", "error (e.g. DownloadError) is required");
        }
        Check.notBlank("error", report.error(), 100);
        if (job.state() == JobState.COMPLETED) {
            throw new Conflict("error", "job " + id + " has already completed");
        }
        lifecycle.failed(id, report.error(), report.message() == null ? "" : report.message());
        return OK;
    }

    private StoredJob authorized(String authorization, long jobId) {
        tokens.authorize(bearer(authorization), jobId);
        return jobs.find(jobId).orElseThrow(() -> new NotFound("id", "job " + jobId + " is not on this executor"));
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    private FileView view(long projectId, String name, FileRef file) {
        return new FileView(name, objects.downloadUrl(projectId, file.sha256()), file.sha256(), file.executable(),
                file.size(), file.contentType());
    }

    private static List<Field> fields(Map<String, Object> values) {
        if (values == null) {
            return List.of();
        }
        return values.entrySet().stream().map(e -> new Field(e.getKey(), e.getValue())).toList();
    }

    private JsonNode tree(String stored) {
        try {
            return json.readTree(stored);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read a stored result", e);
        }
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
