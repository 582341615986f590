package org.tributary.query.project;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.Map;

/** @param mapping {@code {"newName": "oldName"}} */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LinkView(long id, long fromNodeId, long toNodeId, String type, String packageFilter,
                       Map<String, String> mapping) {
}
