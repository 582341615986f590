package org.tributary.domain.routing;

import org.tributary.domain.job.api.JobInput;
import org.tributary.domain.job.api.JobSpec;
import org.tributary.domain.shared.FileRef;
import org.tributary.domain.shared.LabelFilter;
import org.tributary.domain.shared.LinkType;
import org.tributary.domain.shared.NodeKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of the flow, decided from the graph alone: what a package arriving at a node turns into (packages
 * forwarded at once from a data node, or a job at a compute node with its pulled inputs), and where a job's outputs
 * go. The caller carries out the decision; nothing here sends a command or reads a store except through
 * {@link Latest}.
 */
public final class Router {

    private Router() {
    }

    /** The newest package at a node of a data layer whose label passes a filter (pull links read it). */
    public interface Latest {
        Optional<JobInput> at(long nodeId, long layerId, LabelFilter filter);
    }

    /** A package arriving at a node; {@code held}: its uploader asked for no job. */
    public record Arriving(long packageId, long nodeId, long layerId, String label, Map<String, Object> fields,
                           List<FileRef> files, boolean held) {

        JobInput input() {
            return new JobInput(packageId, label, fields, files);
        }
    }

    /**
     * A job to create: the node's plan (executor, container) and the job's spec with every input; {@code held}:
     * the project is switched off, so the job waits undispatched.
     */
    public record PlannedJob(JobPlan plan, JobSpec spec, boolean held) {
    }

    /**
     * What a package arriving at a node means.
     *
     * @param forwards the packages a data node passes on along its push links, at once
     * @param job      the job a compute node makes of it, if any
     */
    public record Arrival(List<Delivery> forwards, Optional<PlannedJob> job) {
        static final Arrival NOTHING = new Arrival(List.of(), Optional.empty());
    }

    /**
     * A data node keeps the package and forwards it along its push links; a compute node that processes
     * automatically makes a job of it, unless the package is held; a missing node, a manual node, or a node
     * inactive in the layer does nothing.
     */
    public static Arrival arrive(RoutingGraph graph, Arriving arriving, Latest latest) {
        Optional<NodeKind> kind = graph.kindOf(arriving.nodeId());
        if (kind.isEmpty()) {
            return Arrival.NOTHING;
        }
        if (kind.get() == NodeKind.DATA) {
            return new Arrival(outputs(graph, arriving.nodeId(), arriving.label(), arriving.fields(),
                    arriving.files()), Optional.empty());
        }
        if (arriving.held() || !graph.processesAutomatically(arriving.nodeId())) {
            return Arrival.NOTHING;
        }
        return new Arrival(List.of(), job(graph, arriving.nodeId(), arriving.layerId(), arriving.input(), latest,
                false));
    }

    /** The packages that a package produced at (or kept by) a node delivers along its push links. */
    public static List<Delivery> outputs(RoutingGraph graph, long nodeId, String label, Map<String, Object> fields,
                                         List<FileRef> files) {
        return Routing.deliveries(graph.linksFrom(nodeId), label, fields, files);
    }

    /**
     * The job that processing {@code input} at a node makes, whatever the node's mode (a user's request, or an
     * automatic arrival): the input first, then one package from each pull link's source, in link order — the
     * source's newest package in the same data layer that passes the link's filter, renamed by its mapping. A pull
     * source without such a package adds no input: the job runs with the inputs there are. Empty when the node runs
     * no jobs in that layer.
     */
    public static Optional<PlannedJob> job(RoutingGraph graph, long nodeId, long layerId, JobInput input,
                                           Latest latest, boolean interactive) {
        Optional<JobPlan> plan = graph.planJob(nodeId, layerId);
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        List<JobInput> inputs = new ArrayList<>();
        inputs.add(input);
        inputs.addAll(pulled(graph, nodeId, layerId, latest));
        JobPlan p = plan.get();
        return Optional.of(new PlannedJob(p, new JobSpec(nodeId, layerId, List.copyOf(inputs), p.fields(),
                p.container(), p.nodeFiles(), interactive, p.secrets()), !graph.isOn()));
    }

    /**
     * A job run again on the inputs an earlier job had (pulled ones included, as they were), with the node's settings
     * of now. Empty when the node runs no jobs in that layer.
     */
    public static Optional<PlannedJob> rerun(RoutingGraph graph, long nodeId, long layerId, List<JobInput> inputs,
                                             boolean interactive) {
        return graph.planJob(nodeId, layerId).map(p -> new PlannedJob(p, new JobSpec(nodeId, layerId,
                List.copyOf(inputs), p.fields(), p.container(), p.nodeFiles(), interactive, p.secrets()),
                !graph.isOn()));
    }

    /** One input from each pull link into the node whose source has a matching package, in link id order. */
    public static List<JobInput> pulled(RoutingGraph graph, long nodeId, long layerId, Latest latest) {
        List<Routing.Route> pulls = new ArrayList<>(graph.linksInto(nodeId).stream()
                .filter(route -> route.type() == LinkType.PULL).toList());
        pulls.sort(Comparator.comparingLong(Routing.Route::linkId));
        List<JobInput> inputs = new ArrayList<>();
        for (Routing.Route route : pulls) {
            latest.at(route.fromNodeId(), layerId, route.filter()).ifPresent(found -> inputs.add(new JobInput(
                    found.packageId(), found.label(), route.mapping().applyToFields(found.fields()),
                    route.mapping().applyToFiles(found.files()))));
        }
        return List.copyOf(inputs);
    }
}
