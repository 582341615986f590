package org.tributary.command.datapackage;

import org.tributary.access.Access;
import org.tributary.domain.shared.ProjectRole;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.springframework.http.HttpStatus;
import org.tributary.command.routing.UploadBackPressure;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.command.config.Aggregates;
import org.tributary.command.storage.ObjectStore;
import org.tributary.command.web.Commands;
import org.tributary.domain.datapackage.DataPackage;
import org.tributary.domain.datapackage.api.CreatePackage;
import org.tributary.domain.project.Project;
import org.tributary.domain.shared.Check;
import org.tributary.domain.shared.FileRef;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.PackageOrigin;
import org.tributary.storage.Admission;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Uploads: files go to S3 first through presigned URLs (by SHA-256), then a package names them. The platform never
 * carries the bytes.
 */
@RestController
@RequestMapping("/api/projects/{projectId}")
@Access(value = Access.Rule.PROJECT, role = ProjectRole.EDITOR)
class PackageController {

    private final Commands commands;
    private final ObjectStore objects;
    private final Aggregates aggregates;
    private final PackageUploads uploads;
    private final UploadBackPressure routing;

    PackageController(Commands commands, ObjectStore objects, Aggregates aggregates, PackageUploads uploads,
                      UploadBackPressure routing) {
        this.routing = routing;
        this.commands = commands;
        this.objects = objects;
        this.aggregates = aggregates;
        this.uploads = uploads;
    }

    /** A presigned URL to PUT the object's bytes to, or {@code null} when the project already stores it. */
    @PutMapping("/objects/{sha256}")
    JsonNode uploadUrl(@PathVariable long projectId, @PathVariable String sha256) {
        Check.sha256("sha256", sha256);
        aggregates.ask(Project.class, "project_id", projectId, project -> null);
        objects.ensureBucket(projectId);
        // a JSON string or JSON null, as the job library's client expects; a bare String would be sent unquoted
        // stored, or uploaded with the right bytes since the last ask: nothing more to upload
        boolean stored = objects.admit(projectId, sha256) == Admission.Outcome.STORED;
        return stored ? NullNode.getInstance() : TextNode.valueOf(objects.presignedUpload(projectId, sha256));
    }

    /**
     * @param layerParameter the data layer, as {@code ?data_layer_id=}; older clients of the original platform put it
     *                       in the body instead, which is taken too (both: they must agree)
     */
    @PostMapping("/nodes/{nodeId}/packages")
    ResponseEntity<PackageBody> create(@PathVariable long projectId, @PathVariable long nodeId,
                                       @RequestParam(value = "data_layer_id", required = false) Long layerParameter,
                                       @RequestBody PackageRequest body) {
        Check.notNull("body", body);
        long layerId = layer(layerParameter, body.dataLayerId());
        aggregates.ask(Project.class, "project_id", projectId, project -> {
            project.requireNodeInLayer(nodeId, layerId);
            return null;
        });
        List<FileRef> files = uploads.files("", body.files());
        uploads.admit(projectId, List.of(files), List.of(""));
        // the package takes its id once it is accepted, so a refused one uses none up; it waits while routing is
        // behind (UploadBackPressure)
        routing.admit();
        Object created;
        try {
            created = commands.send(PackageUploads.command(projectId, nodeId, layerId, body, files));
        } catch (RuntimeException e) {
            routing.refused();
            throw e;
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(PackageUploads.body(Long.parseLong(created.toString()),
                body, files, nodeId, layerId));
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record FileBody(String name, String contentHash, Long size, Boolean isExecutable, String type) {
        static FileBody of(FileRef ref) {
            return new FileBody(ref.name(), ref.sha256(), ref.size(), ref.executable(), ref.contentType());
        }
    }

    static long layer(Long parameter, Long inBody) {
        if (parameter == null && inBody == null) {
            throw new InvalidInput("data_layer_id", "name the data layer: ?data_layer_id=<id>");
        }
        if (parameter != null && inBody != null && !parameter.equals(inBody)) {
            throw new InvalidInput("data_layer_id", "the body names data layer " + inBody + ", the query "
                    + parameter + ": name one");
        }
        return parameter != null ? parameter : inBody;
    }

    /**
     * @param process     false: keep the package at its node without a job, until a user asks to process it
     * @param dataLayerId where older clients of the original platform name the data layer
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PackageRequest(String label, Map<String, Object> fields, List<FileBody> files, Boolean process,
                          Long dataLayerId) {
    }

    /** The shape the job library's client reads: fields as a list of name/value pairs. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PackageBody(long id, String label, List<Map<String, Object>> fields, List<FileBody> files, long nodeId,
                       long dataLayerId) {
    }
}
