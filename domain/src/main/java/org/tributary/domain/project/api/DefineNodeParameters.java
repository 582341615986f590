package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.tributary.domain.shared.ParameterDefinition;
import java.util.List;

/** Replaces a node's parameter schema. */
public record DefineNodeParameters(@TargetAggregateIdentifier long projectId, @TargetAggregateVersion Long version, long nodeId, List<ParameterDefinition> parameters) {
}
