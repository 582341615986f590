package org.tributary.query.datapackage;

import org.tributary.domain.shared.ProjectRole;
import org.tributary.access.Access;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.query.shared.FileView;
import org.tributary.query.shared.Page;
import org.tributary.query.shared.Paging;

import java.util.List;

/** The packages at a node, as the user-side client of the job library reads them. */
@RestController
@RequestMapping("/api/projects/{projectId}/nodes/{nodeId}/packages")
@Access(value = Access.Rule.PROJECT, role = ProjectRole.VIEWER)
class PackageController {

    private final PackageQueries queries;

    PackageController(PackageQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    Page<PackageView> packages(@PathVariable("projectId") long projectId, @PathVariable("nodeId") long nodeId,
                               @RequestParam(name = "data_layer_id", required = false) Long layerId,
                               @RequestParam(name = "page", defaultValue = "1") int page,
                               @RequestParam(name = "page_size", defaultValue = "10") int pageSize) {
        return queries.atNode(projectId, nodeId, layerId, new Paging(page, pageSize));
    }

    /**
     * The packages at this node (those that descend from {@code master_id}, through any number of generations,
     * unless it is 0) that pass the field and job-count filters, in the order asked.
     */
    @PostMapping("/search")
    Page<PackageView> search(@PathVariable("projectId") long projectId, @PathVariable("nodeId") long nodeId,
                             @RequestParam(name = "data_layer_id", required = false) Long layerId,
                             @RequestParam(name = "page", defaultValue = "1") int page,
                             @RequestParam(name = "page_size", defaultValue = "10") int pageSize,
                             @RequestBody SearchRequest request) {
        if (request == null) {
            throw new InvalidInput("master_id", "master_id is required (0 for every package at the node)");
        }
        request.check();
        Paging paging = new Paging(page, pageSize);
        return queries.search(projectId, nodeId, layerId, paging, request);
    }

    @GetMapping("/{packageId}")
    PackageView one(@PathVariable("projectId") long projectId, @PathVariable("nodeId") long nodeId,
                    @PathVariable("packageId") long packageId) {
        return queries.one(projectId, nodeId, packageId);
    }

    @GetMapping("/{packageId}/files")
    List<FileView> files(@PathVariable("projectId") long projectId, @PathVariable("nodeId") long nodeId,
                         @PathVariable("packageId") long packageId) {
        return queries.files(projectId, nodeId, packageId);
    }
}
