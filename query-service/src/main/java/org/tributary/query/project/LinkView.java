package org.tributary.query.project;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.Map;

/**
 * @param mapping {@code {"newName": "oldName"}}
 * @param srcId   the source node, as the original platform's clients name it ({@code from_node_id})
 * @param dstId   the destination node ({@code to_node_id})
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LinkView(long id, long fromNodeId, long toNodeId, String type, String packageFilter,
                       Map<String, String> mapping, long srcId, long dstId) {

    public LinkView(long id, long fromNodeId, long toNodeId, String type, String packageFilter,
                    Map<String, String> mapping) {
        this(id, fromNodeId, toNodeId, type, packageFilter, mapping, fromNodeId, toNodeId);
    }
}
