package org.tributary.query.datapackage;

import org.tributary.domain.shared.ProjectRole;
import org.tributary.access.Access;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.tributary.domain.shared.NotFound;
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

    /** Packages one archive may hold. */
    static final int MAX_DOWNLOAD = 1000;

    private final PackageArchive archive;

    PackageController(PackageQueries queries, PackageArchive archive) {
        this.queries = queries;
        this.archive = archive;
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

    /**
     * The packages named, as a tar stream ({@link PackageArchive}); every one must sit at this node (and in the
     * layer, when one is named) before a byte is sent.
     */
    @PostMapping("/download")
    ResponseEntity<StreamingResponseBody> download(@PathVariable("projectId") long projectId,
                                                   @PathVariable("nodeId") long nodeId,
                                                   @RequestParam(name = "data_layer_id", required = false) Long layerId,
                                                   @RequestBody DownloadRequest request) {
        if (request == null || request.packages() == null || request.packages().isEmpty()) {
            throw new InvalidInput("packages", "name at least one package to download");
        }
        if (request.packages().size() > MAX_DOWNLOAD) {
            throw new InvalidInput("packages", "one archive holds at most " + MAX_DOWNLOAD + " packages");
        }
        List<PackageView> packages = new java.util.ArrayList<>();
        for (int i = 0; i < request.packages().size(); i++) {
            Long id = request.packages().get(i);
            String field = "packages[" + i + "]";
            if (id == null) {
                throw new InvalidInput(field, field + " is null");
            }
            PackageView pkg;
            try {
                pkg = queries.one(projectId, nodeId, id);
            } catch (NotFound e) {
                throw new NotFound(field, e.getMessage());
            }
            if (layerId != null && pkg.dataLayerId() != layerId) {
                throw new NotFound(field, "package " + id + " is not in data layer " + layerId);
            }
            packages.add(pkg);
        }
        StreamingResponseBody body = out -> archive.write(projectId, packages, out);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-tar"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"packages.tar\"").body(body);
    }

    /** @param packages the ids of the packages to put in the archive, in this order */
    record DownloadRequest(List<Long> packages) {
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
