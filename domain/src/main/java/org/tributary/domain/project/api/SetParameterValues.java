package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import java.util.Map;

/** Sets parameter values of a node in one data layer (merged over earlier values). */
public record SetParameterValues(@TargetAggregateIdentifier long projectId, @TargetAggregateVersion Long version, long nodeId, long layerId, Map<String, Object> values) {
}
