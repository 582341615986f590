package org.tributary.query.project;

import org.tributary.access.Callers;
import org.tributary.domain.shared.ProjectRole;
import org.tributary.access.Access;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tributary.query.shared.Page;
import org.tributary.query.shared.Paging;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Projects, their graph (nodes, links) and their data layers. */
@RestController
@RequestMapping("/api/projects")
@Access(value = Access.Rule.PROJECT, role = ProjectRole.VIEWER)
class ProjectController {

    private final ProjectQueries queries;
    private final NodeSummaries summaries;

    ProjectController(ProjectQueries queries, NodeSummaries summaries) {
        this.queries = queries;
        this.summaries = summaries;
    }

    /** The caller's projects: a member's, a key's one, every project for an admin. */
    @Access(Access.Rule.SIGNED_IN)
    @GetMapping
    Page<ProjectView> projects(@RequestParam(name = "page", defaultValue = "1") int page,
                               @RequestParam(name = "page_size", defaultValue = "50") int pageSize) {
        Paging paging = new Paging(page, pageSize);
        List<ProjectView> all = queries.projects(Callers.current());
        int from = (int) Math.min(all.size(), paging.offset());
        return new Page<>(all.subList(from, Math.min(all.size(), from + pageSize)), all.size());
    }

    /** The ETag is the project's version, the value command-service expects in If-Match. */
    @GetMapping("/{projectId}")
    ResponseEntity<ProjectView> project(@PathVariable("projectId") long projectId) {
        ProjectView project = queries.project(projectId);
        return ResponseEntity.ok().eTag(Long.toString(project.version())).body(project);
    }

    @GetMapping("/{projectId}/nodes")
    List<NodeView> nodes(@PathVariable("projectId") long projectId) {
        return queries.nodes(projectId);
    }

    @GetMapping("/{projectId}/nodes/{nodeId}")
    NodeView node(@PathVariable("projectId") long projectId, @PathVariable("nodeId") long nodeId) {
        return queries.node(projectId, nodeId);
    }

    /** The node's program files, each with a presigned download URL in {@code content}. */
    @GetMapping("/{projectId}/nodes/{nodeId}/files")
    List<org.tributary.query.shared.FileView> nodeFiles(@PathVariable("projectId") long projectId,
                                                        @PathVariable("nodeId") long nodeId) {
        return queries.node(projectId, nodeId).files();
    }

    /**
     * A node's parameter values in a layer, as the original platform's clients read them: each with its schema (id:
     * the 1-based place in the node's schema) and the layer's value, or the default where the layer sets none.
     */
    @GetMapping("/{projectId}/nodes/{nodeId}/param_values")
    List<ParamValueView> paramValues(@PathVariable("projectId") long projectId, @PathVariable("nodeId") long nodeId,
                                     @RequestParam("data_layer_id") long layerId) {
        queries.layer(projectId, layerId);
        NodeView node = queries.node(projectId, nodeId);
        java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> values = new java.util.HashMap<>();
        com.fasterxml.jackson.databind.JsonNode set = node.parameterValues().get(layerId);
        if (set != null) {
            set.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
        }
        List<ParamValueView> answer = new java.util.ArrayList<>();
        for (int i = 0; i < node.parameters().size(); i++) {
            ParameterView p = node.parameters().get(i);
            ParamValueView.Schema schema = new ParamValueView.Schema(i + 1, p.name(), p.label(), p.type(),
                    p.defaultValue(), p.config());
            answer.add(new ParamValueView(i + 1, schema, values.getOrDefault(p.name(), p.defaultValue())));
        }
        return answer;
    }

    @GetMapping("/{projectId}/links")
    List<LinkView> links(@PathVariable("projectId") long projectId) {
        return queries.links(projectId);
    }

    @GetMapping("/{projectId}/data_layers")
    List<DataLayerView> layers(@PathVariable("projectId") long projectId) {
        return queries.layers(projectId);
    }

    @GetMapping("/{projectId}/data_layers/last")
    DataLayerView lastLayer(@PathVariable("projectId") long projectId) {
        return queries.lastLayer(projectId);
    }

    /**
     * Each node's packages (and those waiting) and jobs by status in the layer: what the editor's badges show; with
     * {@code master_id}, only the lineage of that package (0 or absent: everything).
     */
    @GetMapping("/{projectId}/data_layers/{layerId}/summary")
    List<NodeSummaries.NodeSummary> summary(@PathVariable("projectId") long projectId,
                                            @PathVariable("layerId") long layerId,
                                            @RequestParam(name = "master_id", required = false) Long masterId) {
        queries.layer(projectId, layerId);
        if (masterId == null || masterId == 0) {
            return summaries.of(projectId, layerId);
        }
        return summaries.of(projectId, layerId, masterId);
    }

    @GetMapping("/{projectId}/data_layers/{layerId}")
    DataLayerView layer(@PathVariable("projectId") long projectId, @PathVariable("layerId") long layerId) {
        return queries.layer(projectId, layerId);
    }
}
