package org.tributary.domain.project;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.tributary.domain.project.api.CreateDataLayer;
import org.tributary.domain.project.api.DataLayerCreated;
import org.tributary.domain.project.api.DataLayerDeleted;
import org.tributary.domain.project.api.DataLayerUpdated;
import org.tributary.domain.project.api.UpdateDataLayer;
import org.tributary.domain.shared.Check;
import org.tributary.domain.shared.Conflict;
import org.tributary.domain.shared.DataLayerKind;
import org.tributary.domain.shared.Ids;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.NotFound;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A project's data layers: their labels, descriptions, kinds, makers and whether each is active. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class DataLayers {

    static final int MAX_DESCRIPTION = 10_000;

    record Layer(String label, String description, DataLayerKind kind, Long createdBy, boolean active) {
    }

    private final Map<Long, Layer> layers = new LinkedHashMap<>();

    boolean exists(long layerId) {
        return layers.containsKey(layerId);
    }

    /** Whether jobs are made in the layer: it exists and is active. */
    boolean makesJobs(long layerId) {
        Layer layer = layers.get(layerId);
        return layer != null && layer.active();
    }

    /** The first of the project's layers: the one it was created with, unless that was deleted. */
    long main() {
        return layers.keySet().iterator().next();
    }

    void require(long projectId, long layerId) {
        if (!layers.containsKey(layerId)) {
            throw new NotFound("data_layer_id", "project " + projectId + " has no data layer " + layerId);
        }
    }

    DataLayerCreated create(long projectId, CreateDataLayer command, Ids ids) {
        String label = Project.validLabel(command.label());
        if (command.layerId() != null && layers.containsKey(command.layerId())) {
            throw new Conflict("layer_id", "data layer " + command.layerId() + " already exists");
        }
        requireFreeLabel(label, null);
        DataLayerKind kind = command.kind() == null ? DataLayerKind.SHARED : command.kind();
        if (kind == DataLayerKind.PERSONAL && command.createdBy() == null) {
            throw new InvalidInput("kind", "a personal data layer belongs to a signed-in user; a key makes shared ones");
        }
        String description = command.description() == null ? null : description(command.description());
        long layerId = ids.orNext(command.layerId(), Ids.Kind.DATA_LAYER);
        return new DataLayerCreated(projectId, layerId, label, kind, command.createdBy(), description);
    }

    /** The layer as the edit leaves it, or {@code null} when the edit changes nothing. */
    DataLayerUpdated update(long projectId, UpdateDataLayer command) {
        require(projectId, command.layerId());
        Layer now = layers.get(command.layerId());
        String label = now.label();
        if (command.label() != null) {
            label = Project.validLabel(command.label());
            requireFreeLabel(label, command.layerId());
        }
        String description = command.description() != null ? description(command.description()) : now.description();
        boolean active = command.active() != null ? command.active() : now.active();
        DataLayerKind kind = now.kind();
        Long maker = now.createdBy();
        if (command.personal() != null) {
            kind = command.personal() ? DataLayerKind.PERSONAL : DataLayerKind.SHARED;
            if (kind == DataLayerKind.PERSONAL && maker == null) {
                if (command.editedBy() == null) {
                    throw new InvalidInput("is_personal", "a personal data layer belongs to a signed-in user; "
                            + "a key cannot make one");
                }
                maker = command.editedBy();
            }
        }
        Layer after = new Layer(label, description, kind, maker, active);
        if (after.equals(now)) {
            return null;
        }
        return new DataLayerUpdated(projectId, command.layerId(), label, description, active, kind, maker);
    }

    DataLayerDeleted delete(long projectId, long layerId) {
        require(projectId, layerId);
        if (layers.size() == 1) {
            throw new Conflict("data_layer_id", "data layer " + layerId + " is the project's only one; "
                    + "a project keeps at least one");
        }
        return new DataLayerDeleted(projectId, layerId);
    }

    void on(DataLayerCreated event) {
        layers.put(event.layerId(), new Layer(event.label(), event.description() == null ? "" : event.description(),
                event.kind(), event.createdBy(), true));
    }

    void on(DataLayerUpdated event) {
        layers.put(event.layerId(), new Layer(event.label(), event.description(), event.kind(), event.createdBy(),
                event.active()));
    }

    void on(DataLayerDeleted event) {
        layers.remove(event.layerId());
    }

    private void requireFreeLabel(String label, Long except) {
        for (Map.Entry<Long, Layer> e : layers.entrySet()) {
            if (e.getValue().label().equals(label) && !Objects.equals(e.getKey(), except)) {
                throw new Conflict("label", "a data layer named '" + label + "' already exists");
            }
        }
    }

    private static String description(String description) {
        return description == null ? "" : Check.text("description", description, MAX_DESCRIPTION);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataLayers other && layers.equals(other.layers);
    }

    @Override
    public int hashCode() {
        return layers.hashCode();
    }
}
