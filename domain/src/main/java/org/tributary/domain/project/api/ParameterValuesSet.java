package org.tributary.domain.project.api;

import java.util.Map;

/** Parameter values of a node in a data layer were set (merged over earlier ones). */
public record ParameterValuesSet(long projectId, long nodeId, long layerId, Map<String, Object> values) implements ProjectEvent {
}
