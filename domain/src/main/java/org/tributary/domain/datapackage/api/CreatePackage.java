package org.tributary.domain.datapackage.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tributary.domain.shared.FileRef;
import org.tributary.domain.shared.PackageOrigin;

import java.util.List;
import java.util.Map;

/**
 * Creates an immutable package at a node of a data layer. Its files are already in S3.
 *
 * @param packageId       {@code null} to take the next id once the package is accepted (an upload); routing names
 *                        the ids it took for a job's outputs
 * @param parents         lineage: the input packages of the job that made it (empty for an upload)
 * @param jobId           the job that produced it ({@code PRODUCED}, and {@code DELIVERED} from a job), else {@code null}
 * @param sourcePackageId for {@code DELIVERED}: the package it was delivered from (an output, or a data node's package)
 * @param hold            true: an upload that is to make no job where it arrives (it waits to be processed)
 */
public record CreatePackage(@TargetAggregateIdentifier Long packageId, long projectId, long nodeId, long layerId,
                            String label, Map<String, Object> fields, List<FileRef> files, List<Long> parents,
                            PackageOrigin origin, Long jobId, Long sourcePackageId, Boolean hold) {

    public CreatePackage(Long packageId, long projectId, long nodeId, long layerId, String label,
                         Map<String, Object> fields, List<FileRef> files, List<Long> parents, PackageOrigin origin,
                         Long jobId, Long sourcePackageId) {
        this(packageId, projectId, nodeId, layerId, label, fields, files, parents, origin, jobId, sourcePackageId,
                null);
    }
}
