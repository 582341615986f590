package org.tributary.command.routing;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tributary.command.config.ProjectModel;
import org.tributary.domain.project.Project;
import org.tributary.domain.project.api.ProjectDeleted;
import org.tributary.domain.routing.RoutingGraph;
import org.tributary.domain.shared.NotFound;

import java.lang.reflect.Constructor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The one port through which routing reads a project's graph. Each project's graph is rebuilt once from the event
 * store (from its latest snapshot on) and then kept current by the routing processor, which hands it every project
 * event in order ({@link #follow}). Unlike loading the aggregate through its repository, reading takes no
 * aggregate lock and no unit of work: a user's edit never waits behind routing, and routing never waits behind
 * an edit.
 * <p>
 * A graph may be ahead of the event routing is handling (it was loaded later): events it already holds are
 * recognised by their sequence number and skipped, and a gap makes it load afresh.
 * <p>
 * At most {@code tributary.routing.graphs-held} graphs are held (1,000 by default): past that, the one read least
 * recently is dropped and loaded again if it is read again, so that a platform with many projects does not keep
 * every graph it ever routed for. A deleted project's graph is dropped at once.
 */
@Component
public class ProjectGraphs {

    private static final AggregateModel<Project> MODEL = ProjectModel.MODEL;

    private final ObjectProvider<EventStore> store;
    private final int held;
    private final Map<Long, Graph> graphs = new ConcurrentHashMap<>();
    /** Orders reads, for dropping the graph read least recently. */
    private final AtomicLong reads = new AtomicLong();

    ProjectGraphs(ObjectProvider<EventStore> store, @Value("${tributary.routing.graphs-held:1000}") int held) {
        if (held < 1) {
            throw new IllegalArgumentException("tributary.routing.graphs-held must be at least 1, not " + held);
        }
        this.store = store;
        this.held = held;
    }

    /** A graph and the sequence number of the last event it holds; read and changed under its own monitor. */
    private static final class Graph {
        final Project project;
        long sequence;
        volatile long lastRead;

        Graph(Project project, long sequence) {
            this.project = project;
            this.sequence = sequence;
        }
    }

    /** Asks the project's graph a question; 404 (field {@code project_id}) when there is no such project. */
    public <T> T read(long projectId, Function<RoutingGraph, T> question) {
        Graph graph = graphs.get(projectId);
        if (graph == null) {
            graph = graphs.computeIfAbsent(projectId, this::load);
            if (graphs.size() > held) {
                dropLeastRecentlyRead(projectId);
            }
        }
        graph.lastRead = reads.incrementAndGet();
        synchronized (graph) {
            return question.apply(graph.project);
        }
    }

    /** How many graphs are held now. */
    int held() {
        return graphs.size();
    }

    private void dropLeastRecentlyRead(long keep) {
        while (graphs.size() > held) {
            Map.Entry<Long, Graph> oldest = null;
            for (Map.Entry<Long, Graph> entry : graphs.entrySet()) {
                boolean older = oldest == null || entry.getValue().lastRead < oldest.getValue().lastRead;
                if (entry.getKey() != keep && older) {
                    oldest = entry;
                }
            }
            if (oldest == null) {
                return;
            }
            graphs.remove(oldest.getKey(), oldest.getValue());
        }
    }

    /** An event of a project's aggregate, in order: applied to its graph if that graph is held. */
    void follow(DomainEventMessage<?> event) {
        long projectId = Long.parseLong(event.getAggregateIdentifier());
        Graph graph = graphs.get(projectId);
        if (graph == null) {
            return;
        }
        if (event.getPayload() instanceof ProjectDeleted) {
            graphs.remove(projectId, graph);
            return;
        }
        synchronized (graph) {
            long next = graph.sequence + 1;
            if (event.getSequenceNumber() == next) {
                MODEL.publish(event, graph.project);
                graph.sequence = next;
            } else if (event.getSequenceNumber() > next) {
                graphs.remove(projectId, graph);
            }
        }
    }

    /** Forgets every graph (a test, or a processor reset); each is loaded again when next read. */
    public void forget() {
        graphs.clear();
    }

    private Graph load(long projectId) {
        DomainEventStream events = store.getObject().readEvents(Long.toString(projectId));
        if (!events.hasNext()) {
            throw new NotFound("project_id", "there is no project " + projectId);
        }
        Graph graph;
        DomainEventMessage<?> first = events.peek();
        if (first.getPayload() instanceof Project snapshot) {
            graph = new Graph(snapshot, first.getSequenceNumber());
            events.next();
        } else {
            graph = new Graph(blank(), -1);
        }
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            MODEL.publish(event, graph.project);
            graph.sequence = event.getSequenceNumber();
        }
        return graph;
    }

    private static Project blank() {
        try {
            Constructor<Project> constructor = Project.class.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Project needs a constructor without arguments", e);
        }
    }
}
