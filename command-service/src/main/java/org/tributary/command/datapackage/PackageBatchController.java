package org.tributary.command.datapackage;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.access.Access;
import org.tributary.command.config.Aggregates;
import org.tributary.command.datapackage.PackageController.PackageBody;
import org.tributary.command.datapackage.PackageController.PackageRequest;
import org.tributary.command.web.Commands;
import org.tributary.domain.datapackage.DataPackage;
import org.tributary.domain.datapackage.api.CreatePackage;
import org.tributary.domain.datapackage.api.CreatePackages;
import org.tributary.domain.project.Project;
import org.tributary.domain.shared.Check;
import org.tributary.domain.shared.FileRef;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.ProjectRole;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A bulk upload: up to {@value DataPackage#MAX_BATCH} packages at one node in one request, all or none. Each is what
 * {@code POST …/packages} takes; a refusal names the package by its place ({@code packages[3].files[0].content_hash}),
 * and then none is created. The events are appended in one transaction: a script that ingests thousands of packages
 * pays one request and one commit per batch instead of one per package.
 */
@RestController
@RequestMapping("/api/projects/{projectId}")
@Access(value = Access.Rule.PROJECT, role = ProjectRole.EDITOR)
class PackageBatchController {

    private final Commands commands;
    private final Aggregates aggregates;
    private final PackageUploads uploads;

    PackageBatchController(Commands commands, Aggregates aggregates, PackageUploads uploads) {
        this.commands = commands;
        this.aggregates = aggregates;
        this.uploads = uploads;
    }

    /** @param layerParameter the data layer of every package (or each package's {@code data_layer_id}) */
    @PostMapping("/nodes/{nodeId}/packages/batch")
    ResponseEntity<PackageBatchBody> create(@PathVariable long projectId, @PathVariable long nodeId,
                                            @RequestParam(value = "data_layer_id", required = false)
                                            Long layerParameter,
                                            @RequestBody PackageBatchRequest body) {
        Check.notNull("body", body);
        // before any file is admitted: a batch that will be refused costs no S3 lookups
        List<PackageRequest> requests = DataPackage.checkBatch(body.packages());
        List<Long> layers = new ArrayList<>(requests.size());
        List<List<FileRef>> files = new ArrayList<>(requests.size());
        List<String> prefixes = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            String prefix = "packages[" + i + "].";
            PackageRequest request = requests.get(i);
            try {
                layers.add(PackageController.layer(layerParameter, request.dataLayerId()));
            } catch (InvalidInput e) {
                throw new InvalidInput(prefix + e.field(), e.getMessage());
            }
            files.add(uploads.files(prefix, request.files()));
            prefixes.add(prefix);
        }
        Set<Long> distinct = new LinkedHashSet<>(layers);
        aggregates.ask(Project.class, "project_id", projectId, project -> {
            distinct.forEach(layerId -> project.requireNodeInLayer(nodeId, layerId));
            return null;
        });
        uploads.admit(projectId, files, prefixes);
        List<CreatePackage> commandsToSend = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            commandsToSend.add(PackageUploads.command(projectId, nodeId, layers.get(i), requests.get(i),
                    files.get(i)));
        }
        List<Long> ids = commands.send(new CreatePackages(projectId, commandsToSend));
        List<PackageBody> created = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            created.add(PackageUploads.body(ids.get(i), requests.get(i), files.get(i), nodeId, layers.get(i)));
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(new PackageBatchBody(created, created.size()));
    }

    /** @param packages each as {@code POST …/packages} takes it */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PackageBatchRequest(List<PackageRequest> packages) {
    }

    /** @param items the packages made, in the request's order */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PackageBatchBody(List<PackageBody> items, int total) {
    }
}
