package org.tributary.domain.project;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.tributary.domain.project.api.CreateNode;
import org.tributary.domain.project.api.DataLayerDeleted;
import org.tributary.domain.project.api.DefineNodeParameters;
import org.tributary.domain.project.api.NodeActivityChanged;
import org.tributary.domain.project.api.NodeContainerChanged;
import org.tributary.domain.project.api.NodeCreated;
import org.tributary.domain.project.api.NodeDeleted;
import org.tributary.domain.project.api.NodeExecutorChanged;
import org.tributary.domain.project.api.NodeFileDeleted;
import org.tributary.domain.project.api.NodeFilePut;
import org.tributary.domain.project.api.NodeMoved;
import org.tributary.domain.project.api.NodeParametersDefined;
import org.tributary.domain.project.api.NodeProcessingChanged;
import org.tributary.domain.project.api.NodeRenamed;
import org.tributary.domain.project.api.ParameterValuesSet;
import org.tributary.domain.project.api.SetNodeActive;
import org.tributary.domain.project.api.SetParameterValues;
import org.tributary.domain.project.api.UpdateNode;
import org.tributary.domain.shared.Check;
import org.tributary.domain.shared.Conflict;
import org.tributary.domain.shared.ContainerSpec;
import org.tributary.domain.shared.Fields;
import org.tributary.domain.shared.FileRef;
import org.tributary.domain.shared.Ids;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.NodeKind;
import org.tributary.domain.shared.NotFound;
import org.tributary.domain.shared.ParameterDefinition;
import org.tributary.domain.shared.ProcessingMode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A project's nodes: their labels, kinds, containers, places, parameters and values per data layer, files, and the
 * layers each is switched off in. Decides the events a node's commands make; {@link Project} applies them.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class ProjectNodes {

    // fields, not getters, make a snapshot
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    static final class Node {
        String label;
        NodeKind kind;
        ProcessingMode processing = ProcessingMode.AUTO;
        ContainerSpec container;
        Long executorId;
        double x;
        double y;
        List<ParameterDefinition> parameters = List.of();
        final Map<String, FileRef> files = new LinkedHashMap<>();
        final Map<Long, Map<String, Object>> values = new HashMap<>();
        final Set<Long> inactiveLayers = new HashSet<>();

        boolean activeIn(long layerId) {
            return !inactiveLayers.contains(layerId);
        }

        // compared by state, so that Axon's test fixture can check that the state built by a command handler
        // equals the state rebuilt from its events
        @Override
        public boolean equals(Object o) {
            return o instanceof Node n && Objects.equals(label, n.label) && kind == n.kind
                    && Objects.equals(container, n.container) && Objects.equals(executorId, n.executorId)
                    && Double.compare(x, n.x) == 0 && Double.compare(y, n.y) == 0
                    && parameters.equals(n.parameters) && files.equals(n.files) && values.equals(n.values)
                    && inactiveLayers.equals(n.inactiveLayers) && processing == n.processing;
        }

        @Override
        public int hashCode() {
            return Objects.hash(label, kind);
        }
    }

    private final Map<Long, Node> nodes = new HashMap<>();

    boolean exists(long nodeId) {
        return nodes.containsKey(nodeId);
    }

    /** The node, or null. */
    Node find(long nodeId) {
        return nodes.get(nodeId);
    }

    /** The node; 404 naming {@code node_id} when the project has none by this id. */
    Node require(long projectId, long nodeId) {
        Node node = nodes.get(nodeId);
        if (node == null) {
            throw new NotFound("node_id", "project " + projectId + " has no node " + nodeId);
        }
        return node;
    }

    String label(long nodeId) {
        return nodes.get(nodeId).label;
    }

    /** The node, and its processing mode when that is manual; the id is taken only once the command is valid. */
    List<Object> create(long projectId, CreateNode command, Ids ids) {
        String label = Project.validLabel(command.label());
        requireUniqueLabel(projectId, label, null);
        Check.notNull("kind", command.kind());
        ContainerSpec container = requireContainerFits(command.kind(), command.container());
        if (command.nodeId() != null && nodes.containsKey(command.nodeId())) {
            throw new Conflict("node_id", "node " + command.nodeId() + " already exists");
        }
        ProcessingMode processing = validProcessing(command.kind(), command.processing());
        long nodeId = ids.orNext(command.nodeId(), Ids.Kind.NODE);
        List<Object> events = new ArrayList<>();
        events.add(new NodeCreated(projectId, nodeId, label, command.kind(), container, command.x(), command.y(),
                command.executorId()));
        if (processing == ProcessingMode.MANUAL) {
            events.add(new NodeProcessingChanged(projectId, nodeId, ProcessingMode.MANUAL));
        }
        return events;
    }

    /** One event for each setting the command changes; none when it changes nothing. */
    List<Object> update(long projectId, UpdateNode command) {
        long nodeId = command.nodeId();
        Node node = require(projectId, nodeId);
        List<Object> events = new ArrayList<>();
        if (command.label() != null) {
            String label = Project.validLabel(command.label());
            if (!label.equals(node.label)) {
                requireUniqueLabel(projectId, label, nodeId);
                events.add(new NodeRenamed(projectId, nodeId, label));
            }
        }
        if (command.container() != null) {
            ContainerSpec container = requireContainerFits(node.kind, command.container());
            if (!container.equals(node.container)) {
                events.add(new NodeContainerChanged(projectId, nodeId, container));
            }
        }
        // a coordinate that is not given stays where it is
        double x = command.x() == null ? node.x : command.x();
        double y = command.y() == null ? node.y : command.y();
        if (x != node.x || y != node.y) {
            events.add(new NodeMoved(projectId, nodeId, x, y));
        }
        if (command.executorId() != null && !command.executorId().equals(node.executorId)) {
            events.add(new NodeExecutorChanged(projectId, nodeId, command.executorId()));
        }
        if (command.processing() != null && validProcessing(node.kind, command.processing()) != node.processing) {
            events.add(new NodeProcessingChanged(projectId, nodeId, command.processing()));
        }
        return events;
    }

    /** The node's new parameter schema, or null when it is the one it has. */
    NodeParametersDefined define(long projectId, DefineNodeParameters command) {
        Node node = require(projectId, command.nodeId());
        List<ParameterDefinition> parameters = Check.listOf("parameters", command.parameters());
        Set<String> names = new HashSet<>();
        for (ParameterDefinition p : parameters) {
            if (!names.add(p.name())) {
                throw new InvalidInput("parameters.name", "parameter '" + p.name() + "' is defined twice");
            }
            ParameterLimits.checkConfig(p, "parameters." + p.name());
            ParameterValues.check(p, p.defaultValue(), "parameters." + p.name() + ".default");
        }
        return parameters.equals(node.parameters) ? null
                : new NodeParametersDefined(projectId, command.nodeId(), parameters);
    }

    /** The values, each checked against its parameter's limits; null when there are none. */
    ParameterValuesSet setValues(long projectId, SetParameterValues command, DataLayers layers) {
        Node node = require(projectId, command.nodeId());
        layers.require(projectId, command.layerId());
        Map<String, Object> values = Fields.copyOf("values", command.values());
        values.forEach((name, value) -> {
            ParameterDefinition p = node.parameters.stream().filter(d -> d.name().equals(name)).findFirst()
                    .orElseThrow(() -> new InvalidInput("values." + name,
                            "node " + command.nodeId() + " has no parameter '" + name + "'"));
            ParameterValues.check(p, value, "values." + name);
        });
        return values.isEmpty() ? null
                : new ParameterValuesSet(projectId, command.nodeId(), command.layerId(), values);
    }

    /** The file, or null when the node has this very file already. */
    NodeFilePut putFile(long projectId, long nodeId, FileRef file) {
        Node node = require(projectId, nodeId);
        Check.notNull("file", file);
        return file.equals(node.files.get(file.name())) ? null : new NodeFilePut(projectId, nodeId, file);
    }

    NodeFileDeleted deleteFile(long projectId, long nodeId, String name) {
        Node node = require(projectId, nodeId);
        if (!node.files.containsKey(name)) {
            throw new NotFound("name", "node " + nodeId + " has no file '" + name + "'");
        }
        return new NodeFileDeleted(projectId, nodeId, name);
    }

    /** The change, or null when the node already is as asked in that layer. */
    NodeActivityChanged setActive(long projectId, SetNodeActive command, DataLayers layers) {
        Node node = require(projectId, command.nodeId());
        layers.require(projectId, command.layerId());
        return node.activeIn(command.layerId()) == command.active() ? null
                : new NodeActivityChanged(projectId, command.nodeId(), command.layerId(), command.active());
    }

    /**
     * The name of the node's parameter with this schema id: its 1-based place in the node's schema, as the original
     * platform's clients address parameter values.
     */
    String parameterName(long projectId, long nodeId, long schemaId) {
        List<ParameterDefinition> schema = require(projectId, nodeId).parameters;
        if (schemaId < 1 || schemaId > schema.size()) {
            throw new NotFound("schema_id", "node " + nodeId + " has no parameter " + schemaId + " (its schema has "
                    + schema.size() + ")");
        }
        return schema.get((int) schemaId - 1).name();
    }

    private static ProcessingMode validProcessing(NodeKind kind, ProcessingMode processing) {
        if (kind == NodeKind.DATA && processing == ProcessingMode.MANUAL) {
            throw new InvalidInput("processing", "a data node runs no jobs: it keeps its packages and passes them "
                    + "on at once; only a compute node can be manual");
        }
        return processing == null ? ProcessingMode.AUTO : processing;
    }

    private void requireUniqueLabel(long projectId, String label, Long exceptNodeId) {
        for (Map.Entry<Long, Node> e : nodes.entrySet()) {
            if (e.getValue().label.equals(label) && !e.getKey().equals(exceptNodeId)) {
                throw new Conflict("label", "a node labelled '" + label + "' already exists in project " + projectId);
            }
        }
    }

    private static ContainerSpec requireContainerFits(NodeKind kind, ContainerSpec container) {
        if (kind == NodeKind.COMPUTE && container == null) {
            throw new InvalidInput("container.image", "a compute node needs a container with an image");
        }
        if (kind == NodeKind.DATA && container != null) {
            throw new InvalidInput("container", "a data node runs no container");
        }
        return container;
    }

    // ---- state

    void on(NodeCreated event) {
        Node node = new Node();
        node.label = event.label();
        node.kind = event.kind();
        node.container = event.container();
        node.executorId = event.executorId();
        node.x = event.x();
        node.y = event.y();
        nodes.put(event.nodeId(), node);
    }

    void on(NodeProcessingChanged event) {
        nodes.get(event.nodeId()).processing = event.processing();
    }

    void on(NodeRenamed event) {
        nodes.get(event.nodeId()).label = event.label();
    }

    void on(NodeContainerChanged event) {
        nodes.get(event.nodeId()).container = event.container();
    }

    void on(NodeMoved event) {
        Node node = nodes.get(event.nodeId());
        node.x = event.x();
        node.y = event.y();
    }

    void on(NodeExecutorChanged event) {
        nodes.get(event.nodeId()).executorId = event.executorId();
    }

    void on(NodeDeleted event) {
        nodes.remove(event.nodeId());
    }

    void on(NodeParametersDefined event) {
        Node node = nodes.get(event.nodeId());
        node.parameters = event.parameters();
        Map<String, ParameterDefinition> byName = new HashMap<>();
        event.parameters().forEach(p -> byName.put(p.name(), p));
        // values of parameters that no longer exist, or whose type changed under them, would otherwise reach
        // jobs as stray or ill-typed fields
        node.values.values().forEach(values -> values.entrySet().removeIf(e -> {
            ParameterDefinition p = byName.get(e.getKey());
            return p == null || !ParameterValues.fits(p, e.getValue());
        }));
    }

    void on(ParameterValuesSet event) {
        nodes.get(event.nodeId()).values.computeIfAbsent(event.layerId(), k -> new HashMap<>()).putAll(event.values());
    }

    void on(NodeFilePut event) {
        nodes.get(event.nodeId()).files.put(event.file().name(), event.file());
    }

    void on(NodeFileDeleted event) {
        nodes.get(event.nodeId()).files.remove(event.name());
    }

    void on(NodeActivityChanged event) {
        Set<Long> inactive = nodes.get(event.nodeId()).inactiveLayers;
        if (event.active()) {
            inactive.remove(event.layerId());
        } else {
            inactive.add(event.layerId());
        }
    }

    /** A deleted layer takes the nodes' values and switches in it along. */
    void on(DataLayerDeleted event) {
        for (Node node : nodes.values()) {
            node.values.remove(event.layerId());
            node.inactiveLayers.remove(event.layerId());
        }
    }
}
