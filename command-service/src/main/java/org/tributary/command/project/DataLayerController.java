package org.tributary.command.project;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.access.Access;
import org.tributary.access.Callers;
import org.tributary.command.web.Commands;
import org.tributary.command.web.Versions;
import org.tributary.domain.project.api.DeleteDataLayer;
import org.tributary.domain.project.api.UpdateDataLayer;
import org.tributary.domain.shared.Check;
import org.tributary.domain.shared.ProjectRole;

/**
 * Editing and deleting a data layer, with the paths and body the original platform's clients use
 * ({@code label}, {@code description}, {@code is_active}, {@code is_personal}). Those clients send no version: a
 * version (If-Match or {@code version}), when sent, must be current (409 otherwise).
 */
@RestController
@RequestMapping("/api/projects/{projectId}/data_layers/{layerId}")
@Access(value = Access.Rule.PROJECT, role = ProjectRole.EDITOR)
class DataLayerController {

    private final Commands commands;

    DataLayerController(Commands commands) {
        this.commands = commands;
    }

    @PatchMapping
    ResponseEntity<ProjectRequests.Edited> update(@PathVariable long projectId, @PathVariable long layerId,
                                                  @RequestBody LayerBody body,
                                                  @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                                  String ifMatch) {
        Check.notNull("body", body);
        Long expected = optional(ifMatch, body.version());
        var caller = Callers.current();
        long version = commands.edit(new UpdateDataLayer(projectId, expected, layerId, body.label(),
                body.description(), body.isActive(), body.isPersonal(), caller.isUser() ? caller.id() : null),
                expected == null ? -1 : expected);
        return ResponseEntity.ok().eTag(Versions.etag(version)).body(new ProjectRequests.Edited(layerId, version));
    }

    /** The same as PATCH: the original platform's clients were seen to send either. */
    @PutMapping
    ResponseEntity<ProjectRequests.Edited> replace(@PathVariable long projectId, @PathVariable long layerId,
                                                   @RequestBody LayerBody body,
                                                   @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                                   String ifMatch) {
        return update(projectId, layerId, body, ifMatch);
    }

    /**
     * Answers the layer's id and the project's new version as JSON, not an empty 204: the original platform's job
     * library reads every answer of a DELETE as JSON (shared/contract/user-api.md lists this call).
     */
    @DeleteMapping
    ResponseEntity<ProjectRequests.Edited> delete(@PathVariable long projectId, @PathVariable long layerId,
                                                  @RequestParam(required = false) Long version,
                                                  @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                                  String ifMatch) {
        Long expected = optional(ifMatch, version);
        long newVersion = commands.edit(new DeleteDataLayer(projectId, expected, layerId),
                expected == null ? -1 : expected);
        return ResponseEntity.ok().eTag(Versions.etag(newVersion)).body(new ProjectRequests.Edited(layerId,
                newVersion));
    }

    private static Long optional(String ifMatch, Long version) {
        return ifMatch == null && version == null ? null : Versions.expected(ifMatch, version);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LayerBody(String label, String description, Boolean isActive, Boolean isPersonal, Long version) {
    }
}
