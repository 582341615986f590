package org.tributary.domain.project;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.conflictresolution.ConflictResolver;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.tributary.domain.project.api.AddProjectMember;
import org.tributary.domain.project.api.ApiKeyCreated;
import org.tributary.domain.project.api.ApiKeyRevoked;
import org.tributary.domain.project.api.CreateApiKey;
import org.tributary.domain.project.api.CreateDataLayer;
import org.tributary.domain.project.api.CreateLink;
import org.tributary.domain.project.api.CreateNode;
import org.tributary.domain.project.api.CreateProject;
import org.tributary.domain.project.api.DataLayerCreated;
import org.tributary.domain.project.api.DataLayerDeleted;
import org.tributary.domain.project.api.DataLayerUpdated;
import org.tributary.domain.project.api.DefineNodeParameters;
import org.tributary.domain.project.api.DeleteDataLayer;
import org.tributary.domain.project.api.DeleteLink;
import org.tributary.domain.project.api.DeleteNode;
import org.tributary.domain.project.api.DeleteNodeFile;
import org.tributary.domain.project.api.DeleteProject;
import org.tributary.domain.project.api.DeleteProjectSecret;
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
import org.tributary.domain.project.api.NodeProcessingChanged;
import org.tributary.domain.project.api.NodeRenamed;
import org.tributary.domain.project.api.ParameterValuesSet;
import org.tributary.domain.project.api.ProcessPackages;
import org.tributary.domain.project.api.ProjectCreated;
import org.tributary.domain.project.api.ProjectDeleted;
import org.tributary.domain.project.api.ProjectExecutorSet;
import org.tributary.domain.project.api.ProjectMemberRemoved;
import org.tributary.domain.project.api.ProjectMemberSet;
import org.tributary.domain.project.api.ProjectSecretDeleted;
import org.tributary.domain.project.api.ProjectSecretSet;
import org.tributary.domain.project.api.ProjectSwitched;
import org.tributary.domain.project.api.PutNodeFile;
import org.tributary.domain.project.api.RemoveProjectMember;
import org.tributary.domain.project.api.RerunNodeJobs;
import org.tributary.domain.project.api.RevokeApiKey;
import org.tributary.domain.project.api.SetNodeActive;
import org.tributary.domain.project.api.SetParameterValues;
import org.tributary.domain.project.api.SetProjectExecutor;
import org.tributary.domain.project.api.SetProjectSecret;
import org.tributary.domain.project.api.UpdateDataLayer;
import org.tributary.domain.project.api.UpdateNode;
import org.tributary.domain.routing.Delivery;
import org.tributary.domain.routing.JobPlan;
import org.tributary.domain.routing.Routing;
import org.tributary.domain.routing.RoutingGraph;
import org.tributary.domain.shared.Check;
import org.tributary.domain.shared.Created;
import org.tributary.domain.shared.DataLayerKind;
import org.tributary.domain.shared.FileRef;
import org.tributary.domain.shared.Ids;
import org.tributary.domain.shared.NodeKind;
import org.tributary.domain.shared.NotFound;
import org.tributary.domain.shared.ProcessingMode;
import org.tributary.domain.shared.ProjectRole;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/**
 * A project's graph: nodes ({@link ProjectNodes}), links ({@link ProjectLinks}), data layers, members and keys,
 * secrets. Every structural rule of the graph is decided here or in those parts, which decide the events their commands
 * make and keep their own state; the project applies the events.
 * <p>
 * Its snapshot is its fields as JSON; the revision names their shape, and a snapshot of another shape is not read (the
 * project is rebuilt from its events instead, and a new snapshot is stored). Change it with the fields.
 */
@Revision(Project.SNAPSHOT_SHAPE)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Project implements RoutingGraph {

    /** The shape of a project's snapshot: 2 since its nodes and links are parts of their own. */
    static final String SNAPSHOT_SHAPE = "2";
    static final int MAX_LABEL_LENGTH = 100;
    static final String MAIN_LAYER = "main";

    // boxed: null until the creating event is applied, so Axon resolves the first event's aggregate id lazily;
    // a primitive would read 0 there and store the first event under aggregate "0"
    @AggregateIdentifier
    private Long projectId;
    private Long executorId;
    /** Switched off: jobs are made, and wait undispatched. */
    private boolean off;
    private final ProjectNodes nodes = new ProjectNodes();
    private final ProjectLinks links = new ProjectLinks();
    private final DataLayers layers = new DataLayers();
    /** Deleted: routing's own copy of the graph answers as if the project had no nodes. */
    private boolean deleted;
    private final ProjectSecrets secrets = new ProjectSecrets();
    private final ProjectMembers members = new ProjectMembers();

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
        List<Object> events = nodes.create(projectId, command, ids);
        events.forEach(Project::applyIfAny);
        return new Created(((NodeCreated) events.get(0)).nodeId());
    }

    @CommandHandler
    void handle(UpdateNode command) {
        nodes.update(projectId, command).forEach(Project::applyIfAny);
    }

    @CommandHandler
    void handle(DeleteNode command) {
        nodes.require(projectId, command.nodeId());
        links.touching(projectId, command.nodeId()).forEach(Project::applyIfAny);
        apply(new NodeDeleted(projectId, command.nodeId()));
    }

    @CommandHandler
    void handle(DefineNodeParameters command) {
        applyIfAny(nodes.define(projectId, command));
    }

    @CommandHandler
    void handle(SetParameterValues command) {
        applyIfAny(nodes.setValues(projectId, command, layers));
    }

    @CommandHandler
    void handle(PutNodeFile command) {
        applyIfAny(nodes.putFile(projectId, command.nodeId(), command.file()));
    }

    @CommandHandler
    void handle(DeleteNodeFile command) {
        apply(nodes.deleteFile(projectId, command.nodeId(), command.name()));
    }

    @CommandHandler
    Created handle(CreateLink command, Ids ids, ConflictResolver conflicts) {
        refuseIfStale(conflicts);
        LinkCreated created = links.create(projectId, command, ids, nodes);
        apply(created);
        return new Created(created.linkId());
    }

    @CommandHandler
    void handle(DeleteLink command) {
        apply(links.delete(projectId, command.linkId()));
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
        applyIfAny(nodes.setActive(projectId, command, layers));
    }

    @CommandHandler
    void handle(ProcessPackages command) {
        ProjectNodes.Node node = nodes.require(projectId, command.nodeId());
        requireLayer(command.layerId());
        apply(NodeRequests.process(command, node.kind, node.activeIn(command.layerId())));
    }

    @CommandHandler
    void handle(RerunNodeJobs command) {
        ProjectNodes.Node node = nodes.require(projectId, command.nodeId());
        requireLayer(command.layerId());
        apply(NodeRequests.rerun(command, node.kind, node.activeIn(command.layerId())));
    }

    /** Sets a secret, for every node or for the nodes named (each must exist). */
    @CommandHandler
    void handle(SetProjectSecret command) {
        ProjectSecretSet event = secrets.set(projectId, command);
        if (event.nodeIds() != null) {
            for (int i = 0; i < event.nodeIds().size(); i++) {
                if (!nodes.exists(event.nodeIds().get(i))) {
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
        nodes.require(projectId, nodeId);
        requireLayer(layerId);
    }

    /**
     * The name of the node's parameter with this schema id: its 1-based place in the node's schema, as the original
     * platform's clients address parameter values.
     */
    public String parameterName(long nodeId, long schemaId) {
        return nodes.parameterName(projectId, nodeId, schemaId);
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
        ProjectNodes.Node node = deleted ? null : nodes.find(nodeId);
        return node == null ? Optional.empty() : Optional.of(node.kind);
    }

    @Override
    public boolean processesAutomatically(long nodeId) {
        ProjectNodes.Node node = nodes.find(nodeId);
        return node != null && node.processing == ProcessingMode.AUTO;
    }

    @Override
    public List<Routing.Route> linksFrom(long nodeId) {
        return links.routes(nodeId, true);
    }

    @Override
    public List<Routing.Route> linksInto(long nodeId) {
        return links.routes(nodeId, false);
    }

    /** The job a package arriving at this node of this layer makes, if the node runs jobs there. */
    @Override
    public Optional<JobPlan> planJob(long nodeId, long layerId) {
        ProjectNodes.Node node = nodes.find(nodeId);
        if (node == null || node.kind != NodeKind.COMPUTE || !layers.makesJobs(layerId) || !node.activeIn(layerId)) {
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

    private void requireLayer(long layerId) {
        layers.require(projectId, layerId);
    }

    static String validLabel(String label) {
        return Check.notBlank("label", label, MAX_LABEL_LENGTH).strip();
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
        nodes.on(event);
    }

    @EventSourcingHandler
    void on(NodeProcessingChanged event) {
        nodes.on(event);
    }

    @EventSourcingHandler
    void on(NodeRenamed event) {
        nodes.on(event);
    }

    @EventSourcingHandler
    void on(NodeContainerChanged event) {
        nodes.on(event);
    }

    @EventSourcingHandler
    void on(NodeMoved event) {
        nodes.on(event);
    }

    @EventSourcingHandler
    void on(NodeExecutorChanged event) {
        nodes.on(event);
    }

    @EventSourcingHandler
    void on(NodeDeleted event) {
        nodes.on(event);
    }

    @EventSourcingHandler
    void on(NodeParametersDefined event) {
        nodes.on(event);
    }

    @EventSourcingHandler
    void on(ParameterValuesSet event) {
        nodes.on(event);
    }

    @EventSourcingHandler
    void on(NodeFilePut event) {
        nodes.on(event);
    }

    @EventSourcingHandler
    void on(NodeFileDeleted event) {
        nodes.on(event);
    }

    @EventSourcingHandler
    void on(LinkCreated event) {
        links.on(event);
    }

    @EventSourcingHandler
    void on(LinkDeleted event) {
        links.on(event);
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
        nodes.on(event);
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
        nodes.on(event);
    }
}
