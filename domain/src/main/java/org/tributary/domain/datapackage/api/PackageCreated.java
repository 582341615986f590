package org.tributary.domain.datapackage.api;

import org.tributary.domain.shared.FileRef;
import org.tributary.domain.shared.PackageOrigin;
import org.tributary.domain.shared.ProjectScoped;
import java.util.List;
import java.util.Map;

/** A package arrived at a node: uploaded, produced there by job {@code jobId}, or delivered from {@code sourcePackageId} along a link. {@code parents} is its lineage. {@code hold} true: its uploader asked that it make no job (it is kept, and processed when a user asks). */
public record PackageCreated(long packageId, long projectId, long nodeId, long layerId, String label, Map<String, Object> fields, List<FileRef> files, List<Long> parents, PackageOrigin origin, Long jobId, Long sourcePackageId, Boolean hold) implements ProjectScoped {

    public PackageCreated(long packageId, long projectId, long nodeId, long layerId, String label,
                          Map<String, Object> fields, List<FileRef> files, List<Long> parents, PackageOrigin origin,
                          Long jobId, Long sourcePackageId) {
        this(packageId, projectId, nodeId, layerId, label, fields, files, parents, origin, jobId, sourcePackageId,
                null);
    }

    /** Whether it is to make a job where it arrives (unless its node is manual). */
    public boolean held() {
        return Boolean.TRUE.equals(hold);
    }
}
