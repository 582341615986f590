package org.tributary.query.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.tributary.domain.shared.ParameterDefinition;
import org.tributary.query.shared.Jsonb;

/** One entry of a node's parameter schema; also the stored form in {@code node.parameters}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ParameterView(String name, String label, String type, JsonNode defaultValue, JsonNode config) {

    static ParameterView of(ParameterDefinition p, Jsonb json) {
        return new ParameterView(p.name(), p.label(), p.type().wireName(), json.tree(p.defaultValue()),
                json.tree(p.config()));
    }
}
