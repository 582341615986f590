package org.tributary.query.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.tributary.query.shared.ContainerView;
import org.tributary.query.shared.FileView;

import java.util.List;
import java.util.Map;

/**
 * A node of the graph.
 *
 * @param container        {@code null} for a data node
 * @param parameterValues  by data layer id: the values set in that layer (parameters absent there use their default)
 * @param activeLayers     the ids of the project's data layers in which the node is active
 * @param files            node files, each with a presigned download URL in {@code content}
 * @param type             the kind, as the original platform's clients name it
 * @param processing       {@code auto}: each arriving package makes a job; {@code manual}: only a user's request does
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NodeView(long id, String label, String kind, double x, double y, Long executorId,
                       ContainerView container, List<ParameterView> parameters,
                       Map<Long, JsonNode> parameterValues, List<Long> activeLayers, List<FileView> files,
                       String processing, String type) {

    public NodeView(long id, String label, String kind, double x, double y, Long executorId, ContainerView container,
                    List<ParameterView> parameters, Map<Long, JsonNode> parameterValues, List<Long> activeLayers,
                    List<FileView> files, String processing) {
        this(id, label, kind, x, y, executorId, container, parameters, parameterValues, activeLayers, files,
                processing, kind);
    }
}
