package org.tributary.domain.datapackage.api;

import org.tributary.domain.shared.ProjectScoped;

/** A package is gone from its node; its files are freed by the storage upkeep once nothing else names them. */
public record PackageDeleted(long packageId, long projectId, long nodeId, long layerId) implements ProjectScoped {
}
