package org.tributary.command.datapackage;

import org.tributary.access.Access;
import org.tributary.domain.shared.ProjectRole;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.springframework.http.HttpStatus;
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

    PackageController(Commands commands, ObjectStore objects, Aggregates aggregates) {
        this.commands = commands;
        this.objects = objects;
        this.aggregates = aggregates;
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
        List<FileRef> files = new ArrayList<>();
        if (body.files() != null) {
            if (body.files().size() > DataPackage.MAX_FILES) {
                throw new InvalidInput("files", "a package may have at most " + DataPackage.MAX_FILES + " files");
            }
            for (int i = 0; i < body.files().size(); i++) {
                FileBody file = Check.notNull("files[" + i + "]", body.files().get(i));
                FileRef ref;
                try {
                    ref = new FileRef(file.name(), file.contentHash(), file.size() == null ? 0 : file.size(),
                            Boolean.TRUE.equals(file.isExecutable()), file.type());
                } catch (InvalidInput e) {
                    throw new InvalidInput("files[" + i + "]." + e.field(), e.getMessage());
                }
                files.add(ref);
            }
            // a new upload's bytes are checked against its hash once, here
            Map<String, Admission.Outcome> admitted = objects.admitAll(projectId,
                    files.stream().map(FileRef::sha256).toList());
            for (int i = 0; i < files.size(); i++) {
                String hash = files.get(i).sha256();
                if (admitted.get(hash) == Admission.Outcome.MISMATCH) {
                    throw new InvalidInput("files[" + i + "].content_hash", "the bytes uploaded for " + hash
                            + " do not have that SHA-256; they were deleted: upload the right content again");
                }
                if (admitted.get(hash) == Admission.Outcome.MISSING) {
                    throw new InvalidInput("files[" + i + "].content_hash", "object " + hash
                            + " is not uploaded yet: PUT /api/projects/" + projectId + "/objects/" + hash
                            + " gives the URL to upload it to");
                }
            }
        }
        // the package takes its id once it is accepted, so a refused one uses none up
        Object created = commands.send(new CreatePackage(null, projectId, nodeId, layerId, body.label(),
                body.fields(), files, List.of(), PackageOrigin.UPLOADED, null, null,
                Boolean.FALSE.equals(body.process()) ? Boolean.TRUE : null));
        long packageId = Long.parseLong(created.toString());
        List<Map<String, Object>> fields = new ArrayList<>();
        if (body.fields() != null) {
            new LinkedHashMap<>(body.fields()).forEach((name, value) -> {
                Map<String, Object> field = new LinkedHashMap<>();
                field.put("name", name);
                field.put("value", value);
                fields.add(field);
            });
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(new PackageBody(packageId,
                body.label() == null ? "" : body.label(), fields, files.stream().map(FileBody::of).toList(), nodeId,
                layerId));
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record FileBody(String name, String contentHash, Long size, Boolean isExecutable, String type) {
        static FileBody of(FileRef ref) {
            return new FileBody(ref.name(), ref.sha256(), ref.size(), ref.executable(), ref.contentType());
        }
    }

    private static long layer(Long parameter, Long inBody) {
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
