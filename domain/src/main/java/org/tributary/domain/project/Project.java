package org.tributary.domain.project;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.conflictresolution.ConflictResolver;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.tributary.domain.project.api.CreateDataLayer;
import org.tributary.domain.project.api.CreateLink;
import org.tributary.domain.project.api.CreateNode;
import org.tributary.domain.project.api.CreateProject;
import org.tributary.domain.project.api.DataLayerCreated;
import org.tributary.domain.project.api.DefineNodeParameters;
import org.tributary.domain.project.api.DeleteLink;
import org.tributary.domain.project.api.DeleteNode;
import org.tributary.domain.project.api.DeleteNodeFile;
import org.tributary.domain.project.api.LinkCreated;
import org.tributary.domain.project.api.LinkDeleted;
import org.tributary.domain.project.api.NodeActivityChanged;
import org.tributary.domain.project.api.NodeContainerChanged;
import org.tributary.domain.project.api.NodeCreated;
import org.tributary.domain.project.api.NodeDeleted;
import org.tributary.domain.project.api.NodeExecutorChanged;
import org.tributary.domain.project.api.NodeFileDeleted;
import org.tributary.domain.project.api.NodeFilePut;
import org.tributary.domain.project.api.NodeMoved;
import org.tributary.domain.project.api.NodeParametersDefined;
import org.tributary.domain.project.api.NodeRenamed;
import org.tributary.domain.project.api.ParameterValuesSet;
import org.tributary.domain.project.api.ProjectCreated;
import org.tributary.domain.project.api.DataLayerDeleted;
import org.tributary.domain.project.api.DataLayerUpdated;
import org.tributary.domain.project.api.DeleteDataLayer;
import org.tributary.domain.project.api.DeleteProject;
import org.tributary.domain.project.api.ProjectDeleted;
import org.tributary.domain.project.api.UpdateDataLayer;
import org.tributary.domain.project.api.ProjectSwitched;
import org.tributary.domain.project.api.ProjectExecutorSet;
import org.tributary.domain.project.api.PutNodeFile;
import org.tributary.domain.project.api.DeleteProjectSecret;
import org.tributary.domain.project.api.ProjectSecretDeleted;
import org.tributary.domain.project.api.ProjectSecretSet;
import org.tributary.domain.project.api.SetNodeActive;
import org.tributary.domain.project.api.SetProjectSecret;
import org.tributary.domain.project.api.SetParameterValues;
import org.tributary.domain.project.api.SetProjectExecutor;
import org.tributary.domain.project.api.UpdateNode;
import org.tributary.domain.routing.Delivery;
import org.tributary.domain.routing.JobPlan;
import org.tributary.domain.routing.Routing;
import org.tributary.domain.routing.RoutingGraph;
import org.tributary.domain.project.api.NodeProcessingChanged;
import org.tributary.domain.project.api.ProcessPackages;
import org.tributary.domain.project.api.RerunNodeJobs;
import org.tributary.domain.shared.ProcessingMode;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.tributary.domain.shared.Check;
import org.tributary.domain.shared.Conflict;
import org.tributary.domain.shared.ContainerSpec;
import org.tributary.domain.shared.Created;
import org.tributary.domain.shared.DataLayerKind;
import org.tributary.domain.shared.Fields;
import org.tributary.domain.shared.FileRef;
import org.tributary.domain.shared.Ids;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.LabelFilter;
import org.tributary.domain.shared.LinkType;
import org.tributary.domain.shared.Mapping;
import org.tributary.domain.project.api.AddProjectMember;
import org.tributary.domain.project.api.ApiKeyCreated;
import org.tributary.domain.project.api.ApiKeyRevoked;
import org.tributary.domain.project.api.CreateApiKey;
import org.tributary.domain.project.api.ProjectMemberRemoved;
import org.tributary.domain.project.api.ProjectMemberSet;
import org.tributary.domain.project.api.RemoveProjectMember;
import org.tributary.domain.project.api.RevokeApiKey;
import org.tributary.domain.shared.ProjectRole;
import org.tributary.domain.shared.NodeKind;
import org.tributary.domain.shared.NotFound;
import org.tributary.domain.shared.ParameterDefinition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/**
 * A project's graph: nodes, links, data layers, per-layer node activity and parameter values, node files.
 * Every structural rule of the graph is decided here.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Project implements RoutingGraph {

    static final int MAX_LABEL_LENGTH = 100;
    static final String MAIN_LAYER = "main";

    // boxed: null until the creating event is applied, so Axon resolves the first event's aggregate id lazily;
    // a primitive would read 0 there and store the first event under aggregate "0"
    @AggregateIdentifier
    private Long projectId;
    private Long executorId;
    /** Switched off: jobs are made, and wait undispatched. */
    private boolean off;
    private final Map<Long, Node> nodes = new HashMap<>();
    private final Map<Long, Link> links = new LinkedHashMap<>();
    private final DataLayers layers = new DataLayers();
    /** Deleted: routing's own copy of the graph answers as if the project had no nodes. */
    private boolean deleted;
    private final ProjectSecrets secrets = new ProjectSecrets();
    private final ProjectMembers members = new ProjectMembers();

    // fields, not getters, make a snapshot (Axon stores one every few hundred events; see AggregateRegistration)
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    private static final class Node {
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

    private record Link(long id, long from, long to, LinkType type, LabelFilter filter, Mapping mapping) {
    }

    Project() {
        // sourced from events
    }

    @CommandHandler
    Project(CreateProject command, Ids ids) {
        Check.notBlank("name", command.name(), 200);
        long id = ids.orNext(command.projectId(), Ids.Kind.AGGREGATE);
        apply(new ProjectCreated(id, command.name().strip(), command.executorId(), command.createdBy()));
        apply(new DataLayerCreated(id, ids.orNext(command.mainLayerId(), Ids.Kind.DATA_LAYER), MAIN_LAYER,
                DataLayerKind.SHARED));
        if (command.createdBy() != null) {
            apply(new ProjectMemberSet(id, command.createdBy(), ProjectRole.OWNER));
        }
    }

    @CommandHandler
    void handle(AddProjectMember command, ConflictResolver conflicts) {
        refuseIfStale(conflicts);
        applyIfAny(members.set(projectId, command));
    }

    @CommandHandler
    void handle(RemoveProjectMember command, ConflictResolver conflicts) {
        refuseIfStale(conflicts);
        applyIfAny(members.remove(projectId, command));
    }

    @CommandHandler
    void handle(CreateApiKey command) {
        apply(members.createKey(projectId, command));
    }

    @CommandHandler
    void handle(RevokeApiKey command) {
        applyIfAny(members.revoke(projectId, command));
    }

    @CommandHandler
    void handle(SetProjectExecutor command) {
        if (command.executorId() != null && !Objects.equals(executorId, command.executorId())) {
            apply(new ProjectExecutorSet(projectId, command.executorId()));
        }
        if (command.active() != null && command.active() == off) {
            apply(new ProjectSwitched(projectId, command.active()));
        }
    }

    @CommandHandler
    Created handle(CreateNode command, Ids ids, ConflictResolver conflicts) {
        refuseIfStale(conflicts);
        String label = validLabel(command.label());
        requireUniqueLabel(label, null);
        Check.notNull("kind", command.kind());
        ContainerSpec container = requireContainerFits(command.kind(), command.container());
        if (command.nodeId() != null && nodes.containsKey(command.nodeId())) {
            throw new Conflict("node_id", "node " + command.nodeId() + " already exists");
        }
        long nodeId = ids.orNext(command.nodeId(), Ids.Kind.NODE);
        apply(new NodeCreated(projectId, nodeId, label, command.kind(), container, command.x(), command.y(),
                command.executorId()));
        if (validProcessing(command.kind(), command.processing()) == ProcessingMode.MANUAL) {
            apply(new NodeProcessingChanged(projectId, nodeId, ProcessingMode.MANUAL));
        }
        return new Created(nodeId);
    }

    @CommandHandler
    void handle(UpdateNode command) {
        Node node = node(command.nodeId());
        if (command.label() != null) {
            String label = validLabel(command.label());
            if (!label.equals(node.label)) {
                requireUniqueLabel(label, command.nodeId());
                apply(new NodeRenamed(projectId, command.nodeId(), label));
            }
        }
        if (command.container() != null) {
            ContainerSpec container = requireContainerFits(node.kind, command.container());
            if (!container.equals(node.container)) {
                apply(new NodeContainerChanged(projectId, command.nodeId(), container));
            }
        }
        // a coordinate that is not given stays where it is
        double x = command.x() == null ? node.x : command.x();
        double y = command.y() == null ? node.y : command.y();
        if (x != node.x || y != node.y) {
            apply(new NodeMoved(projectId, command.nodeId(), x, y));
        }
        if (command.executorId() != null && !command.executorId().equals(node.executorId)) {
            apply(new NodeExecutorChanged(projectId, command.nodeId(), command.executorId()));
        }
        if (command.processing() != null && validProcessing(node.kind, command.processing()) != node.processing) {
            apply(new NodeProcessingChanged(projectId, command.nodeId(), command.processing()));
        }
    }

    private static ProcessingMode validProcessing(NodeKind kind, ProcessingMode processing) {
        if (kind == NodeKind.DATA && processing == ProcessingMode.MANUAL) {
            throw new InvalidInput("processing", "a data node runs no jobs: it keeps its packages and passes them "
                    + "on at once; only a compute node can be manual");
        }
        return processing == null ? ProcessingMode.AUTO : processing;
    }

    @CommandHandler
    void handle(DeleteNode command) {
        node(command.nodeId());
        for (Link link : List.copyOf(links.values())) {
            if (link.from == command.nodeId() || link.to == command.nodeId()) {
                apply(new LinkDeleted(projectId, link.id));
            }
        }
        apply(new NodeDeleted(projectId, command.nodeId()));
    }

    @CommandHandler
    void handle(DefineNodeParameters command) {
        Node node = node(command.nodeId());
        List<ParameterDefinition> parameters = Check.listOf("parameters", command.parameters());
        Set<String> names = new HashSet<>();
        for (ParameterDefinition p : parameters) {
            if (!names.add(p.name())) {
                throw new InvalidInput("parameters.name", "parameter '" + p.name() + "' is defined twice");
            }
            ParameterLimits.checkConfig(p, "parameters." + p.name());
            ParameterValues.check(p, p.defaultValue(), "parameters." + p.name() + ".default");
        }
        if (!parameters.equals(node.parameters)) {
            apply(new NodeParametersDefined(projectId, command.nodeId(), parameters));
        }
    }

    @CommandHandler
    void handle(SetParameterValues command) {
        Node node = node(command.nodeId());
        requireLayer(command.layerId());
        Map<String, Object> values = Fields.copyOf("values", command.values());
        values.forEach((name, value) -> {
            ParameterDefinition p = node.parameters.stream().filter(d -> d.name().equals(name)).findFirst()
                    .orElseThrow(() -> new InvalidInput("values." + name,
                            "node " + command.nodeId() + " has no parameter '" + name + "'"));
            ParameterValues.check(p, value, "values." + name);
        });
        if (!values.isEmpty()) {
            apply(new ParameterValuesSet(projectId, command.nodeId(), command.layerId(), values));
        }
    }

    @CommandHandler
    void handle(PutNodeFile command) {
        Node node = node(command.nodeId());
        Check.notNull("file", command.file());
        if (!command.file().equals(node.files.get(command.file().name()))) {
            apply(new NodeFilePut(projectId, command.nodeId(), command.file()));
        }
    }

    @CommandHandler
    void handle(DeleteNodeFile command) {
        Node node = node(command.nodeId());
        if (!node.files.containsKey(command.name())) {
            throw new NotFound("name", "node " + command.nodeId() + " has no file '" + command.name() + "'");
        }
        apply(new NodeFileDeleted(projectId, command.nodeId(), command.name()));
    }

    @CommandHandler
    Created handle(CreateLink command, Ids ids, ConflictResolver conflicts) {
        refuseIfStale(conflicts);
        if (command.linkId() != null && links.containsKey(command.linkId())) {
            throw new Conflict("link_id", "link " + command.linkId() + " already exists");
        }
        if (!nodes.containsKey(command.fromNodeId())) {
            throw new NotFound("from_node_id", "project " + projectId + " has no node " + command.fromNodeId());
        }
        if (!nodes.containsKey(command.toNodeId())) {
            throw new NotFound("to_node_id", "project " + projectId + " has no node " + command.toNodeId());
        }
        if (command.fromNodeId() == command.toNodeId()) {
            throw new InvalidInput("to_node_id", "a node cannot be linked to itself");
        }
        for (Link link : links.values()) {
            if (link.from == command.fromNodeId() && link.to == command.toNodeId()) {
                throw new Conflict("to_node_id", "nodes " + command.fromNodeId() + " and " + command.toNodeId()
                        + " are already linked (link " + link.id + ")");
            }
        }
        LinkType type = command.type() == null ? LinkType.PUSH : command.type();
        if (type == LinkType.PUSH) {
            List<Long> back = pushPath(command.toNodeId(), command.fromNodeId());
            if (!back.isEmpty()) {
                throw new Conflict("to_node_id", "a push link from " + nodes.get(command.fromNodeId()).label
                        + " to " + nodes.get(command.toNodeId()).label + " would close a loop of push links ("
                        + labels(back) + " → " + nodes.get(command.toNodeId()).label + "), round which packages "
                        + "would flow for ever; a pull link may lead back");
            }
        }
        LabelFilter filter = command.packageFilter() == null ? LabelFilter.ANY : command.packageFilter();
        Mapping mapping = command.mapping() == null ? Mapping.NONE : command.mapping();
        long linkId = ids.orNext(command.linkId(), Ids.Kind.LINK);
        apply(new LinkCreated(projectId, linkId, command.fromNodeId(), command.toNodeId(), type, filter, mapping));
        return new Created(linkId);
    }

    /**
     * The nodes from {@code start} to {@code target} along push links (both included), or none when push links do
     * not lead there. Breadth first, so the loop named in a refusal is a shortest one.
     */
    private List<Long> pushPath(long start, long target) {
        Map<Long, Long> cameFrom = new HashMap<>();
        ArrayDeque<Long> queue = new ArrayDeque<>(List.of(start));
        cameFrom.put(start, start);
        while (!queue.isEmpty()) {
            long node = queue.poll();
            if (node == target) {
                LinkedList<Long> path = new LinkedList<>();
                for (long at = target; ; at = cameFrom.get(at)) {
                    path.addFirst(at);
                    if (at == start) {
                        return path;
                    }
                }
            }
            for (Link link : links.values()) {
                if (link.type == LinkType.PUSH && link.from == node && !cameFrom.containsKey(link.to)) {
                    cameFrom.put(link.to, node);
                    queue.add(link.to);
                }
            }
        }
        return List.of();
    }

    private String labels(List<Long> path) {
        return String.join(" → ", path.stream().map(id -> nodes.get(id).label).toList());
    }

    @CommandHandler
    void handle(DeleteLink command) {
        if (!links.containsKey(command.linkId())) {
            throw new NotFound("link_id", "project " + projectId + " has no link " + command.linkId());
        }
        apply(new LinkDeleted(projectId, command.linkId()));
    }

    @CommandHandler
    Created handle(CreateDataLayer command, Ids ids, ConflictResolver conflicts) {
        refuseIfStale(conflicts);
        DataLayerCreated created = layers.create(projectId, command, ids);
        apply(created);
        return new Created(created.layerId());
    }

    @CommandHandler
    void handle(UpdateDataLayer command, ConflictResolver conflicts) {
        refuseIfStale(conflicts);
        applyIfAny(layers.update(projectId, command));
    }

    @CommandHandler
    void handle(DeleteDataLayer command, ConflictResolver conflicts) {
        refuseIfStale(conflicts);
        apply(layers.delete(projectId, command.layerId()));
    }

    @CommandHandler
    void handle(DeleteProject command, ConflictResolver conflicts) {
        refuseIfStale(conflicts);
        apply(new ProjectDeleted(projectId));
    }

    @CommandHandler
    void handle(SetNodeActive command) {
        Node node = node(command.nodeId());
        requireLayer(command.layerId());
        boolean active = !node.inactiveLayers.contains(command.layerId());
        if (active != command.active()) {
            apply(new NodeActivityChanged(projectId, command.nodeId(), command.layerId(), command.active()));
        }
    }

    @CommandHandler
    void handle(ProcessPackages command) {
        Node node = node(command.nodeId());
        requireLayer(command.layerId());
        apply(NodeRequests.process(command, node.kind, !node.inactiveLayers.contains(command.layerId())));
    }

    @CommandHandler
    void handle(RerunNodeJobs command) {
        Node node = node(command.nodeId());
        requireLayer(command.layerId());
        apply(NodeRequests.rerun(command, node.kind, !node.inactiveLayers.contains(command.layerId())));
    }

    /** Sets a secret, for every node or for the nodes named (each must exist). */
    @CommandHandler
    void handle(SetProjectSecret command) {
        ProjectSecretSet event = secrets.set(projectId, command);
        if (event.nodeIds() != null) {
            for (int i = 0; i < event.nodeIds().size(); i++) {
                if (!nodes.containsKey(event.nodeIds().get(i))) {
                    throw new NotFound("node_ids[" + i + "]", "project " + projectId + " has no node "
                            + event.nodeIds().get(i));
                }
            }
        }
        apply(event);
    }

    @CommandHandler
    void handle(DeleteProjectSecret command) {
        apply(secrets.delete(projectId, command.name()));
    }

    // ---- read-only questions that routing asks; they decide nothing and change nothing

    /** The user's role in this project, if they are a member. */
    public java.util.Optional<ProjectRole> roleOf(long userId) {
        return members.roleOf(userId);
    }

    /** The secrets a job at this node gets (sealed): for a job's executor, which unseals them at command-service. */
    public List<ProjectSecrets.Secret> secretsFor(long nodeId) {
        return secrets.grantedTo(nodeId);
    }

    /** Fails with 404 unless the node and the data layer exist. */
    public void requireNodeInLayer(long nodeId, long layerId) {
        node(nodeId);
        requireLayer(layerId);
    }

    /**
     * The name of the node's parameter with this schema id: its 1-based place in the node's schema, as the original
     * platform's clients address parameter values.
     */
    public String parameterName(long nodeId, long schemaId) {
        List<ParameterDefinition> schema = node(nodeId).parameters;
        if (schemaId < 1 || schemaId > schema.size()) {
            throw new NotFound("schema_id", "node " + nodeId + " has no parameter " + schemaId + " (its schema has "
                    + schema.size() + ")");
        }
        return schema.get((int) schemaId - 1).name();
    }

    /** The layer every project is created with. */
    public long mainDataLayerId() {
        return layers.main();
    }

    @Override
    public boolean isOn() {
        return !off;
    }

    @Override
    public Optional<NodeKind> kindOf(long nodeId) {
        Node node = deleted ? null : nodes.get(nodeId);
        return node == null ? Optional.empty() : Optional.of(node.kind);
    }

    @Override
    public boolean processesAutomatically(long nodeId) {
        Node node = nodes.get(nodeId);
        return node != null && node.processing == ProcessingMode.AUTO;
    }

    @Override
    public List<Routing.Route> linksFrom(long nodeId) {
        return routes(nodeId, true);
    }

    @Override
    public List<Routing.Route> linksInto(long nodeId) {
        return routes(nodeId, false);
    }

    private List<Routing.Route> routes(long nodeId, boolean leaving) {
        List<Routing.Route> routes = new ArrayList<>();
        for (Link link : links.values()) {
            if ((leaving ? link.from : link.to) == nodeId) {
                routes.add(new Routing.Route(link.id, link.from, link.to, link.type, link.filter, link.mapping));
            }
        }
        return routes;
    }

    /** The job a package arriving at this node of this layer makes, if the node runs jobs there. */
    @Override
    public Optional<JobPlan> planJob(long nodeId, long layerId) {
        Node node = nodes.get(nodeId);
        if (node == null || node.kind != NodeKind.COMPUTE || !layers.makesJobs(layerId)
                || node.inactiveLayers.contains(layerId)) {
            return Optional.empty();
        }
        Map<String, Object> fields = Routing.jobFields(node.parameters, node.values.getOrDefault(layerId, Map.of()));
        return Optional.of(new JobPlan(nodeId, layerId, node.container, fields, List.copyOf(node.files.values()),
                node.executorId != null ? node.executorId : executorId,
                secrets.grantedTo(nodeId).stream().map(ProjectSecrets.Secret::name).toList()));
    }

    /** The packages that a package produced at this node delivers along its push links. */
    public List<Delivery> deliveries(long nodeId, String label, Map<String, Object> fields, List<FileRef> files) {
        return Routing.deliveries(linksFrom(nodeId), label, fields, files);
    }

    // ---- rules

    /**
     * A command made against an older version is refused before it takes an id (Axon would refuse it only when
     * committing, after the handler ran).
     */
    private static void applyIfAny(Object event) {
        if (event != null) {
            apply(event);
        }
    }

    private static void refuseIfStale(ConflictResolver conflicts) {
        conflicts.detectConflicts(unseen -> !unseen.isEmpty());
    }

    private Node node(long nodeId) {
        Node node = nodes.get(nodeId);
        if (node == null) {
            throw new NotFound("node_id", "project " + projectId + " has no node " + nodeId);
        }
        return node;
    }

    private void requireLayer(long layerId) {
        layers.require(projectId, layerId);
    }

    static String validLabel(String label) {
        return Check.notBlank("label", label, MAX_LABEL_LENGTH).strip();
    }

    private void requireUniqueLabel(String label, Long exceptNodeId) {
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

    @EventSourcingHandler
    void on(ProjectCreated event) {
        projectId = event.projectId();
        executorId = event.executorId();
    }

    @EventSourcingHandler
    void on(ProjectSwitched event) {
        off = !event.active();
    }

    @EventSourcingHandler
    void on(ProjectExecutorSet event) {
        executorId = event.executorId();
    }

    @EventSourcingHandler
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

    @EventSourcingHandler
    void on(NodeProcessingChanged event) {
        nodes.get(event.nodeId()).processing = event.processing();
    }

    @EventSourcingHandler
    void on(NodeRenamed event) {
        nodes.get(event.nodeId()).label = event.label();
    }

    @EventSourcingHandler
    void on(NodeContainerChanged event) {
        nodes.get(event.nodeId()).container = event.container();
    }

    @EventSourcingHandler
    void on(NodeMoved event) {
        Node node = nodes.get(event.nodeId());
        node.x = event.x();
        node.y = event.y();
    }

    @EventSourcingHandler
    void on(NodeExecutorChanged event) {
        nodes.get(event.nodeId()).executorId = event.executorId();
    }

    @EventSourcingHandler
    void on(NodeDeleted event) {
        nodes.remove(event.nodeId());
    }

    @EventSourcingHandler
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

    @EventSourcingHandler
    void on(ParameterValuesSet event) {
        nodes.get(event.nodeId()).values.computeIfAbsent(event.layerId(), k -> new HashMap<>()).putAll(event.values());
    }

    @EventSourcingHandler
    void on(NodeFilePut event) {
        nodes.get(event.nodeId()).files.put(event.file().name(), event.file());
    }

    @EventSourcingHandler
    void on(NodeFileDeleted event) {
        nodes.get(event.nodeId()).files.remove(event.name());
    }

    @EventSourcingHandler
    void on(LinkCreated event) {
        links.put(event.linkId(), new Link(event.linkId(), event.fromNodeId(), event.toNodeId(), event.type(),
                event.packageFilter(), event.mapping()));
    }

    @EventSourcingHandler
    void on(LinkDeleted event) {
        links.remove(event.linkId());
    }

    @EventSourcingHandler
    void on(DataLayerCreated event) {
        layers.on(event);
    }

    @EventSourcingHandler
    void on(DataLayerUpdated event) {
        layers.on(event);
    }

    @EventSourcingHandler
    void on(DataLayerDeleted event) {
        layers.on(event);
        for (Node node : nodes.values()) {
            node.values.remove(event.layerId());
            node.inactiveLayers.remove(event.layerId());
        }
    }

    @EventSourcingHandler
    void on(ProjectDeleted event) {
        deleted = true;
        try {
            markDeleted();
        } catch (IllegalStateException notInAnAggregatesLifecycle) {
            // applied to routing's own copy of the graph (ProjectGraphs), which has no lifecycle: the flag does
        }
    }

    @EventSourcingHandler
    void on(ProjectSecretSet event) {
        secrets.on(event);
    }

    @EventSourcingHandler
    void on(ProjectSecretDeleted event) {
        secrets.on(event);
    }

    @EventSourcingHandler
    void on(ProjectMemberSet event) {
        members.on(event);
    }

    @EventSourcingHandler
    void on(ProjectMemberRemoved event) {
        members.on(event);
    }

    @EventSourcingHandler
    void on(ApiKeyCreated event) {
        members.on(event);
    }

    @EventSourcingHandler
    void on(ApiKeyRevoked event) {
        members.on(event);
    }

    @EventSourcingHandler
    void on(NodeActivityChanged event) {
        Set<Long> inactive = nodes.get(event.nodeId()).inactiveLayers;
        if (event.active()) {
            inactive.remove(event.layerId());
        } else {
            inactive.add(event.layerId());
        }
    }
}
