package org.tributary.command.project;

import org.tributary.access.Access;
import org.tributary.access.Callers;
import org.tributary.domain.shared.ProjectRole;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.command.config.Aggregates;
import org.tributary.command.executor.ExecutorDirectory;
import org.tributary.command.project.ProjectRequests.ActivityBody;
import org.tributary.command.project.ProjectRequests.CreateDataLayerBody;
import org.tributary.command.project.ProjectRequests.CreateLinkBody;
import org.tributary.command.project.ProjectRequests.CreateNodeBody;
import org.tributary.command.project.ProjectRequests.CreateProjectBody;
import org.tributary.command.project.ProjectRequests.Edited;
import org.tributary.command.project.ProjectRequests.ParameterValuesBody;
import org.tributary.command.project.ProjectRequests.ParametersBody;
import org.tributary.command.project.ProjectRequests.ProjectCreatedBody;
import org.tributary.command.project.ProjectRequests.UpdateNodeBody;
import org.tributary.command.project.ProjectRequests.UpdateProjectBody;
import org.tributary.command.storage.ObjectStore;
import org.tributary.command.web.Commands;
import org.tributary.command.web.Versions;
import org.tributary.domain.project.Project;
import org.tributary.domain.project.api.CreateDataLayer;
import org.tributary.domain.project.api.CreateLink;
import org.tributary.domain.project.api.CreateNode;
import org.tributary.domain.project.api.CreateProject;
import org.tributary.domain.project.api.DefineNodeParameters;
import org.tributary.domain.project.api.DeleteLink;
import org.tributary.domain.project.api.DeleteNode;
import org.tributary.domain.project.api.SetNodeActive;
import org.tributary.domain.project.api.SetParameterValues;
import org.tributary.domain.project.api.SetProjectExecutor;
import org.tributary.domain.project.api.UpdateNode;
import org.tributary.domain.shared.Check;
import org.tributary.domain.shared.DataLayerKind;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.LabelFilter;
import org.tributary.domain.shared.LinkType;
import org.tributary.domain.shared.Mapping;
import org.tributary.domain.shared.NodeKind;
import org.tributary.domain.shared.ParameterDefinition;

import java.util.ArrayList;
import java.util.List;

/** Edits of a project's graph. Each edit carries the version the client last saw and answers the new one. */
@RestController
@RequestMapping("/api/projects")
@Access(value = Access.Rule.PROJECT, role = ProjectRole.EDITOR)
class ProjectController {

    private final Commands commands;
    private final ObjectStore objects;
    private final ExecutorDirectory executors;
    private final Aggregates aggregates;

    ProjectController(Commands commands, ObjectStore objects, ExecutorDirectory executors,
                      Aggregates aggregates) {
        this.aggregates = aggregates;
        this.commands = commands;
        this.objects = objects;
        this.executors = executors;
    }

    /** Any signed-in user makes projects, and owns what they make. */
    @PostMapping
    @Access(Access.Rule.USER)
    ResponseEntity<ProjectCreatedBody> create(@RequestBody CreateProjectBody body) {
        Check.notNull("body", body);
        executors.requireExists(body.executorId());
        // the project and its main layer take their ids once accepted, so a refused one uses none up
        long projectId = Long.parseLong(commands.send(new CreateProject(null, body.name(), body.executorId(), null,
                Callers.current().id()))
                .toString());
        long layerId = aggregates.ask(Project.class, "project_id", projectId, Project::mainDataLayerId);
        objects.ensureBucket(projectId);
        // ProjectCreated, the main layer's DataLayerCreated and the creator's ProjectMemberSet: 0, 1 and 2
        long version = 2;
        return ResponseEntity.status(HttpStatus.CREATED).eTag(Versions.etag(version))
                .body(new ProjectCreatedBody(projectId, body.name().strip(), body.executorId(), layerId, version));
    }

    @PatchMapping("/{projectId}")
    ResponseEntity<Edited> update(@PathVariable long projectId, @RequestBody UpdateProjectBody body,
                                  @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Check.notNull("body", body);
        long expected = Versions.expected(ifMatch, body.version());
        executors.requireExists(body.executorId());
        // sent even when it changes nothing: the project must exist and the version must be current
        return edited(projectId, commands.edit(new SetProjectExecutor(projectId, expected, body.executorId(),
                body.active()), expected));
    }

    @PostMapping("/{projectId}/nodes")
    ResponseEntity<Edited> createNode(@PathVariable long projectId, @RequestBody CreateNodeBody body,
                                      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Check.notNull("body", body);
        long expected = Versions.expected(ifMatch, body.version());
        NodeKind kind = body.kind() == null ? NodeKind.COMPUTE : NodeKind.of(body.kind());
        executors.requireExists(body.executorId());
        Commands.Creation node = commands.create(new CreateNode(projectId, expected, null, body.label(), kind,
                body.container() == null ? null : body.container().toSpec(),
                body.x() == null ? 0 : body.x(), body.y() == null ? 0 : body.y(), body.executorId(),
                body.processingMode()), expected);
        return created(node);
    }

    @PatchMapping("/{projectId}/nodes/{nodeId}")
    ResponseEntity<Edited> updateNode(@PathVariable long projectId, @PathVariable long nodeId,
                                      @RequestBody UpdateNodeBody body,
                                      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Check.notNull("body", body);
        long expected = Versions.expected(ifMatch, body.version());
        executors.requireExists(body.executorId());
        long version = commands.edit(new UpdateNode(projectId, expected, nodeId, body.label(),
                body.container() == null ? null : body.container().toSpec(), body.x(), body.y(),
                body.executorId(), body.processingMode()), expected);
        return edited(nodeId, version);
    }

    @DeleteMapping("/{projectId}/nodes/{nodeId}")
    ResponseEntity<Edited> deleteNode(@PathVariable long projectId, @PathVariable long nodeId,
                                      @RequestParam(required = false) Long version,
                                      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long expected = Versions.expected(ifMatch, version);
        return edited(nodeId, commands.edit(new DeleteNode(projectId, expected, nodeId), expected));
    }

    @PutMapping("/{projectId}/nodes/{nodeId}/parameters")
    ResponseEntity<Edited> defineParameters(@PathVariable long projectId, @PathVariable long nodeId,
                                            @RequestBody ParametersBody body,
                                            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                            String ifMatch) {
        Check.notNull("body", body);
        long expected = Versions.expected(ifMatch, body.version());
        List<ParameterDefinition> definitions = new ArrayList<>();
        if (body.parameters() != null) {
            for (int i = 0; i < body.parameters().size(); i++) {
                Check.notNull("parameters[" + i + "]", body.parameters().get(i));
                definitions.add(body.parameters().get(i).toDefinition(i));
            }
        }
        return edited(nodeId, commands.edit(new DefineNodeParameters(projectId, expected, nodeId, definitions),
                expected));
    }

    /**
     * One parameter's value in a layer, the way the original platform's clients set it: the parameter by its schema
     * id (its 1-based place in the node's schema), body {@code {"value": …}}, no version needed (one, when sent as
     * If-Match, must be current).
     */
    @PutMapping("/{projectId}/nodes/{nodeId}/param_values/{schemaId}")
    ResponseEntity<Edited> setParamValue(@PathVariable long projectId, @PathVariable long nodeId,
                                         @PathVariable long schemaId, @RequestParam("data_layer_id") long layerId,
                                         @RequestBody java.util.Map<String, Object> body,
                                         @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                         String ifMatch) {
        Check.notNull("body", body);
        if (!body.containsKey("value")) {
            throw new InvalidInput("value", "send the parameter's value as {\"value\": …}");
        }
        Long expected = ifMatch == null ? null : Versions.expected(ifMatch, null);
        String name = aggregates.ask(Project.class, "project_id", projectId,
                project -> project.parameterName(nodeId, schemaId));
        java.util.Map<String, Object> values = new java.util.HashMap<>();
        values.put(name, body.get("value"));
        return edited(nodeId, commands.edit(new SetParameterValues(projectId, expected, nodeId, layerId, values),
                expected == null ? -1 : expected));
    }

    @PutMapping("/{projectId}/nodes/{nodeId}/parameter_values")
    ResponseEntity<Edited> setParameterValues(@PathVariable long projectId, @PathVariable long nodeId,
                                              @RequestParam("data_layer_id") long layerId,
                                              @RequestBody ParameterValuesBody body,
                                              @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                              String ifMatch) {
        Check.notNull("body", body);
        long expected = Versions.expected(ifMatch, body.version());
        return edited(nodeId, commands.edit(new SetParameterValues(projectId, expected, nodeId, layerId,
                body.values()), expected));
    }

    @PutMapping("/{projectId}/nodes/{nodeId}/data_layers/{layerId}/active")
    ResponseEntity<Edited> setActive(@PathVariable long projectId, @PathVariable long nodeId,
                                     @PathVariable long layerId, @RequestBody ActivityBody body,
                                     @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Check.notNull("body", body);
        long expected = Versions.expected(ifMatch, body.version());
        Check.notNull("active", body.active());
        return edited(nodeId, commands.edit(new SetNodeActive(projectId, expected, nodeId, layerId, body.active()),
                expected));
    }

    @PostMapping("/{projectId}/links")
    ResponseEntity<Edited> createLink(@PathVariable long projectId, @RequestBody CreateLinkBody body,
                                      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Check.notNull("body", body);
        long expected = Versions.expected(ifMatch, body.version());
        Check.notNull("from_node_id", body.fromNodeId());
        Check.notNull("to_node_id", body.toNodeId());
        LinkType type = body.type() == null ? LinkType.PUSH : LinkType.of(body.type());
        LabelFilter filter = body.packageFilter() == null ? LabelFilter.ANY : LabelFilter.of(body.packageFilter());
        Mapping mapping = body.mapping() == null ? Mapping.NONE : Mapping.of(body.mapping());
        return created(commands.create(new CreateLink(projectId, expected, null, body.fromNodeId(),
                body.toNodeId(), type, filter, mapping), expected));
    }

    @DeleteMapping("/{projectId}/links/{linkId}")
    ResponseEntity<Edited> deleteLink(@PathVariable long projectId, @PathVariable long linkId,
                                      @RequestParam(required = false) Long version,
                                      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long expected = Versions.expected(ifMatch, version);
        return edited(linkId, commands.edit(new DeleteLink(projectId, expected, linkId), expected));
    }

    @PostMapping("/{projectId}/data_layers")
    ResponseEntity<Edited> createDataLayer(@PathVariable long projectId, @RequestBody CreateDataLayerBody body,
                                           @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                           String ifMatch) {
        Check.notNull("body", body);
        // the original platform's clients send {label, description} and no version: a version, when sent, counts
        Long expected = ifMatch == null && body.version() == null ? null : Versions.expected(ifMatch, body.version());
        DataLayerKind kind = body.kind() == null ? DataLayerKind.SHARED : DataLayerKind.of(body.kind());
        if (Boolean.TRUE.equals(body.isPersonal())) {
            kind = DataLayerKind.PERSONAL;
        }
        var caller = Callers.current();
        return created(commands.create(new CreateDataLayer(projectId, expected, null, body.label(), kind,
                caller.isUser() ? caller.id() : null, body.description()), expected == null ? -1 : expected));
    }

    private static ResponseEntity<Edited> created(Commands.Creation creation) {
        return ResponseEntity.status(HttpStatus.CREATED).eTag(Versions.etag(creation.version()))
                .body(new Edited(creation.id(), creation.version()));
    }

    private static ResponseEntity<Edited> edited(long id, long version) {
        return ResponseEntity.ok().eTag(Versions.etag(version)).body(new Edited(id, version));
    }
}
