package org.tributary.command.routing;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.tributary.command.config.ProjectModel;
import org.tributary.domain.project.Project;
import org.tributary.domain.routing.RoutingGraph;
import org.tributary.domain.shared.NotFound;

import java.lang.reflect.Constructor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 */
@Component
public class ProjectGraphs {

    private static final AggregateModel<Project> MODEL = ProjectModel.MODEL;

    private final ObjectProvider<EventStore> store;
    private final Map<Long, Graph> graphs = new ConcurrentHashMap<>();

    ProjectGraphs(ObjectProvider<EventStore> store) {
        this.store = store;
    }

    /** A graph and the sequence number of the last event it holds; read and changed under its own monitor. */
    private static final class Graph {
        final Project project;
        long sequence;

        Graph(Project project, long sequence) {
            this.project = project;
            this.sequence = sequence;
        }
    }

    /** Asks the project's graph a question; 404 (field {@code project_id}) when there is no such project. */
    public <T> T read(long projectId, Function<RoutingGraph, T> question) {
        Graph graph = graphs.computeIfAbsent(projectId, this::load);
        synchronized (graph) {
            return question.apply(graph.project);
        }
    }

    /** An event of a project's aggregate, in order: applied to its graph if that graph is held. */
    void follow(DomainEventMessage<?> event) {
        long projectId = Long.parseLong(event.getAggregateIdentifier());
        Graph graph = graphs.get(projectId);
        if (graph == null) {
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
