package org.tributary.domain.project.api;

import org.tributary.domain.shared.ParameterDefinition;
import java.util.List;

/** A node's parameter schema was replaced. */
public record NodeParametersDefined(long projectId, long nodeId, List<ParameterDefinition> parameters) implements ProjectEvent {
}
