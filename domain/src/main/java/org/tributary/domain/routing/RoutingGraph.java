package org.tributary.domain.routing;

import org.tributary.domain.shared.NodeKind;

import java.util.List;
import java.util.Optional;

/**
 * A project's graph as routing reads it: the questions {@link Router} asks, answered by the {@code Project}
 * aggregate's state. Reading it decides nothing and changes nothing.
 */
public interface RoutingGraph {

    /** False while the project is switched off: its jobs are made, and wait undispatched. */
    boolean isOn();

    /** The node's kind, or empty when the project has no such node. */
    Optional<NodeKind> kindOf(long nodeId);

    /** False for a compute node in manual mode: its packages wait until a user asks for jobs. */
    boolean processesAutomatically(long nodeId);

    /** The job a package at this node of this layer makes, if the node runs jobs there (compute, active). */
    Optional<JobPlan> planJob(long nodeId, long layerId);

    /** Every link leaving the node, push and pull. */
    List<Routing.Route> linksFrom(long nodeId);

    /** Every link arriving at the node, push and pull. */
    List<Routing.Route> linksInto(long nodeId);
}
