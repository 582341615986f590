package org.tributary.command.project;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;
import org.tributary.access.Access;
import org.tributary.command.config.Aggregates;
import org.tributary.command.project.ProjectRequests.Edited;
import org.tributary.command.project.ProjectRequests.NodeFileBody;
import org.tributary.command.storage.ObjectStore;
import org.tributary.command.web.Commands;
import org.tributary.command.web.Versions;
import org.tributary.domain.project.Project;
import org.tributary.domain.project.api.DeleteNodeFile;
import org.tributary.domain.project.api.PutNodeFile;
import org.tributary.domain.shared.Check;
import org.tributary.domain.shared.FileRef;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.NotFound;
import org.tributary.domain.shared.ProjectRole;
import org.tributary.webedge.RefusedRequest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A node's files (its scripts and small configs): the content is the request body, kept in S3 under its hash; the
 * node keeps name → hash, so a job snapshots exactly the content it ran with.
 */
@RestController
@RequestMapping("/api/projects/{projectId}/nodes/{nodeId}/files")
@Access(value = Access.Rule.PROJECT, role = ProjectRole.EDITOR)
class NodeFileController {

    /** Node files are scripts and small configs; data belongs in packages, uploaded straight to S3. */
    static final int MAX_NODE_FILE_BYTES = 16 * 1024 * 1024;

    private final Commands commands;
    private final ObjectStore objects;
    private final Aggregates aggregates;

    NodeFileController(Commands commands, ObjectStore objects, Aggregates aggregates) {
        this.commands = commands;
        this.objects = objects;
        this.aggregates = aggregates;
    }

    @PutMapping("/**")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "the file's content, as it is (at most 16 MiB)",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/octet-stream",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")))
    ResponseEntity<NodeFileBody> putNodeFile(@PathVariable long projectId, @PathVariable long nodeId,
                                             @RequestParam(value = "executable", defaultValue = "false")
                                             boolean executable,
                                             @RequestParam(required = false) Long version,
                                             @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                             String ifMatch,
                                             @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false)
                                             String contentType,
                                             HttpServletRequest request) throws IOException {
        // the body first, whatever is refused after: Tomcat closes the connection after a 400, 409 or 413, and a
        // client (the gateway) still sending would see it broken instead of the answer
        byte[] bytes = content(request);
        long expected = Versions.expected(ifMatch, version);
        String name = fileName(request, projectId, nodeId);
        String type = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
        FileRef file = new FileRef(name, sha256(bytes), bytes.length, executable, type);
        // the node must exist before the project's bucket is written to; the command re-checks it under its lock
        aggregates.ask(Project.class, "project_id", projectId, project -> project.kindOf(nodeId).orElseThrow(() ->
                new NotFound("node_id", "project " + projectId + " has no node " + nodeId)));
        objects.put(projectId, file.sha256(), bytes, type);
        long newVersion = commands.edit(new PutNodeFile(projectId, expected, nodeId, file), expected);
        return ResponseEntity.ok().eTag(Versions.etag(newVersion)).body(new NodeFileBody(file.name(), file.sha256(),
                file.size(), file.executable(), file.contentType(), newVersion));
    }

    @DeleteMapping("/**")
    ResponseEntity<Edited> deleteNodeFile(@PathVariable long projectId, @PathVariable long nodeId,
                                          @RequestParam(required = false) Long version,
                                          @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                          String ifMatch,
                                          HttpServletRequest request) {
        long expected = Versions.expected(ifMatch, version);
        String name = fileName(request, projectId, nodeId);
        long newVersion = commands.edit(new DeleteNodeFile(projectId, expected, nodeId, name), expected);
        return ResponseEntity.ok().eTag(Versions.etag(newVersion)).body(new Edited(nodeId, newVersion));
    }

    /**
     * The body, read up to one byte past the limit and no further: a body that is too large is refused (413) having
     * held no more than that, whether its length was declared or not.
     */
    private static byte[] content(HttpServletRequest request) throws IOException {
        try (InputStream body = request.getInputStream()) {
            byte[] bytes = body.readNBytes(MAX_NODE_FILE_BYTES + 1);
            if (bytes.length > MAX_NODE_FILE_BYTES) {
                // read to its end (within reason) before answering: Tomcat closes the connection after a 413, and a
                // client (the gateway) still sending would see it broken instead of the answer
                RefusedRequest.drain(body);
                throw tooLarge();
            }
            return bytes;
        }
    }

    private static RefusedRequest tooLarge() {
        return new RefusedRequest(HttpStatus.PAYLOAD_TOO_LARGE, "body", "a node file may be at most "
                + MAX_NODE_FILE_BYTES + " bytes; put data into packages");
    }

    /**
     * The rest of the path after {@code /files/}: a node file's name may have folders, e.g. {@code lib/util.py}.
     * Percent-decoded only: a {@code +} is a plus, as in any path ({@code c++/main.cpp}).
     */
    private static String fileName(HttpServletRequest request, long projectId, long nodeId) {
        String prefix = request.getContextPath() + "/api/projects/" + projectId + "/nodes/" + nodeId + "/files/";
        String uri = request.getRequestURI();
        if (!uri.startsWith(prefix) || uri.length() == prefix.length()) {
            throw new InvalidInput("name", "name the file in the path: …/nodes/" + nodeId + "/files/<name>");
        }
        String name;
        try {
            name = UriUtils.decode(uri.substring(prefix.length()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("name", "the file's name is not percent-encoded correctly: " + e.getMessage());
        }
        return Check.relativePath("name", name);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
