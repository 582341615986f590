package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * A user asks a compute node to process chosen packages of a data layer now, whatever its processing mode: one job
 * per package, with the ids given (taken by the caller, so it can answer them).
 */
public record ProcessPackages(@TargetAggregateIdentifier long projectId, long nodeId, long layerId,
                              List<Long> packageIds, List<Long> jobIds, boolean interactive) {

    /** Packages one request may process. */
    public static final int MAX_PACKAGES = 1000;
}
