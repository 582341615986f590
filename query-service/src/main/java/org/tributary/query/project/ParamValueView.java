package org.tributary.query.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A parameter's value in a layer, in the original platform's shape: {@code id}, {@code node_param_schema}, {@code value}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ParamValueView(long id, Schema nodeParamSchema, JsonNode value) {

    /** @param id the parameter's 1-based place in the node's schema, by which its value is set */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Schema(long id, String name, String label, String type, JsonNode defaultValue, JsonNode config) {
    }
}
