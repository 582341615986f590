package org.tributary.domain.routing;

import org.junit.jupiter.api.Test;
import org.tributary.domain.Sourced;
import org.tributary.domain.job.api.JobInput;
import org.tributary.domain.project.Project;
import org.tributary.domain.project.api.DataLayerCreated;
import org.tributary.domain.project.api.LinkCreated;
import org.tributary.domain.project.api.NodeActivityChanged;
import org.tributary.domain.project.api.NodeCreated;
import org.tributary.domain.project.api.NodeProcessingChanged;
import org.tributary.domain.project.api.ProjectCreated;
import org.tributary.domain.shared.ContainerSpec;
import org.tributary.domain.shared.DataLayerKind;
import org.tributary.domain.shared.FileRef;
import org.tributary.domain.shared.LabelFilter;
import org.tributary.domain.shared.LinkType;
import org.tributary.domain.shared.Mapping;
import org.tributary.domain.shared.NodeKind;
import org.tributary.domain.shared.ProcessingMode;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of the flow, without Spring or a store: a graph rebuilt from events, and pull sources given as a map.
 * Nodes: compute {@code A} (the one packages arrive at), data {@code D}, compute {@code S1}, {@code S2} (sources).
 */
class RouterTest {

    static final long P = 1;
    static final long MAIN = 10;
    static final long OTHER = 11;
    static final long A = 100;
    static final long D = 101;
    static final long S1 = 102;
    static final long S2 = 103;
    static final long EXECUTOR = 7;
    static final ContainerSpec CONTAINER = ContainerSpec.of("python:3.12-slim", "python run.py");
    static final FileRef CSV = new FileRef("data.csv", "a".repeat(64), 6, false, "text/csv");

    /** Newest packages by (node, layer), newest first, as the pull store would answer. */
    final Map<List<Long>, List<JobInput>> stored = new HashMap<>();
    final List<LabelFilter> asked = new ArrayList<>();
    final Router.Latest latest = (node, layer, filter) -> {
        asked.add(filter);
        return stored.getOrDefault(List.of(node, layer), List.of()).stream()
                .filter(p -> filter.matches(p.label())).findFirst();
    };

    static Project graph(Object... more) {
        List<Object> events = new ArrayList<>(List.of(new ProjectCreated(P, "routing", EXECUTOR),
                new DataLayerCreated(P, MAIN, "main", DataLayerKind.SHARED),
                new DataLayerCreated(P, OTHER, "other", DataLayerKind.SHARED),
                new NodeCreated(P, A, "a", NodeKind.COMPUTE, CONTAINER, 0, 0, null),
                new NodeCreated(P, D, "d", NodeKind.DATA, null, 0, 0, null),
                new NodeCreated(P, S1, "s1", NodeKind.COMPUTE, CONTAINER, 0, 0, null),
                new NodeCreated(P, S2, "s2", NodeKind.COMPUTE, CONTAINER, 0, 0, null)));
        events.addAll(List.of(more));
        return Sourced.from(Project.class, RouterTest::blank, events.toArray()).aggregate();
    }

    static Project blank() {
        try {
            Constructor<Project> constructor = Project.class.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static LinkCreated link(long id, long from, long to, LinkType type, String filter, Map<String, String> mapping) {
        return new LinkCreated(P, id, from, to, type, LabelFilter.of(filter), Mapping.of(mapping));
    }

    static Router.Arriving at(long node, String label) {
        return new Router.Arriving(500, node, MAIN, label, Map.of("x", 1), List.of(CSV), false);
    }

    void store(long node, long layer, long id, String label, Map<String, Object> fields) {
        stored.computeIfAbsent(List.of(node, layer), k -> new ArrayList<>())
                .add(new JobInput(id, label, fields, List.of(CSV)));
    }

    @Test
    void aPackageAtAnAutomaticComputeNodeMakesAJobWithItAsTheOnlyInput() {
        Router.Arrival arrival = Router.arrive(graph(), at(A, "run-1"), latest);

        assertThat(arrival.forwards()).isEmpty();
        assertThat(arrival.job()).get().satisfies(job -> {
            assertThat(job.spec().inputs()).containsExactly(new JobInput(500, "run-1", Map.of("x", 1), List.of(CSV)));
            assertThat(job.spec().nodeId()).isEqualTo(A);
            assertThat(job.spec().layerId()).isEqualTo(MAIN);
            assertThat(job.spec().interactive()).isFalse();
            assertThat(job.plan().executorId()).isEqualTo(EXECUTOR);
        });
    }

    @Test
    void aJobOfAProjectSwitchedOffIsHeld() {
        Project graph = graph(new org.tributary.domain.project.api.ProjectSwitched(P, false));

        assertThat(Router.arrive(graph, at(A, "run-1"), latest).job()).get()
                .satisfies(job -> assertThat(job.held()).isTrue());
        assertThat(Router.arrive(graph(), at(A, "run-1"), latest).job()).get()
                .satisfies(job -> assertThat(job.held()).isFalse());
    }

    @Test
    void aHeldPackageMakesNoJob() {
        Router.Arriving held = new Router.Arriving(500, A, MAIN, "run-1", Map.of(), List.of(), true);

        assertThat(Router.arrive(graph(), held, latest)).isEqualTo(Router.Arrival.NOTHING);
    }

    @Test
    void aManualNodeKeepsItsPackagesWithoutAJob() {
        Project graph = graph(new NodeProcessingChanged(P, A, ProcessingMode.MANUAL));

        assertThat(Router.arrive(graph, at(A, "run-1"), latest)).isEqualTo(Router.Arrival.NOTHING);
    }

    @Test
    void aNodeInactiveInTheLayerMakesNoJob() {
        Project graph = graph(new NodeActivityChanged(P, A, MAIN, false));

        assertThat(Router.arrive(graph, at(A, "run-1"), latest).job()).isEmpty();
    }

    @Test
    void aPackageAtAMissingNodeDoesNothing() {
        assertThat(Router.arrive(graph(), at(999, "run-1"), latest)).isEqualTo(Router.Arrival.NOTHING);
    }

    @Test
    void aDataNodeForwardsAPackageAlongItsPushLinksAtOnceWithTheirFilterAndMapping() {
        Project graph = graph(link(1, D, A, LinkType.PUSH, "^run", Map.of("y", "x")),
                link(2, D, S1, LinkType.PUSH, "^never", Map.of()));

        Router.Arrival arrival = Router.arrive(graph, at(D, "run-1"), latest);

        assertThat(arrival.job()).isEmpty();
        assertThat(arrival.forwards()).containsExactly(new Delivery(1, A, "run-1", Map.of("y", 1), List.of(CSV)));
    }

    @Test
    void aDataNodeForwardsNothingAlongAPullLink() {
        Project graph = graph(link(1, D, A, LinkType.PULL, "", Map.of()));

        assertThat(Router.arrive(graph, at(D, "run-1"), latest).forwards()).isEmpty();
    }

    @Test
    void aHeldPackageAtADataNodeIsStillForwarded() {
        Project graph = graph(link(1, D, A, LinkType.PUSH, "", Map.of()));
        Router.Arriving held = new Router.Arriving(500, D, MAIN, "run-1", Map.of(), List.of(), true);

        assertThat(Router.arrive(graph, held, latest).forwards()).hasSize(1);
    }

    @Test
    void aPullLinkAddsTheSourcesNewestPassingPackageRenamedByItsMapping() {
        Project graph = graph(link(1, S1, A, LinkType.PULL, "^model", Map.of("weights", "w")));
        store(S1, MAIN, 42, "model-2", Map.of("w", 2));
        store(S1, MAIN, 41, "model-1", Map.of("w", 1));

        List<JobInput> inputs = Router.arrive(graph, at(A, "run-1"), latest).job().orElseThrow().spec().inputs();

        assertThat(inputs).extracting(JobInput::packageId).containsExactly(500L, 42L);
        assertThat(inputs.get(1).fields()).isEqualTo(Map.of("weights", 2));
    }

    @Test
    void aPullLinkSkipsNewerPackagesItsFilterRefuses() {
        Project graph = graph(link(1, S1, A, LinkType.PULL, "^model", Map.of()));
        store(S1, MAIN, 43, "log", Map.of());
        store(S1, MAIN, 42, "model-2", Map.of());

        List<JobInput> inputs = Router.arrive(graph, at(A, "run-1"), latest).job().orElseThrow().spec().inputs();

        assertThat(inputs).extracting(JobInput::packageId).containsExactly(500L, 42L);
    }

    @Test
    void aPullSourceWithoutAPackageAddsNoInputAndTheJobStillRuns() {
        Project graph = graph(link(1, S1, A, LinkType.PULL, "", Map.of()));

        List<JobInput> inputs = Router.arrive(graph, at(A, "run-1"), latest).job().orElseThrow().spec().inputs();

        assertThat(inputs).extracting(JobInput::packageId).containsExactly(500L);
    }

    @Test
    void aPullLinkReadsTheSameDataLayerOnly() {
        Project graph = graph(link(1, S1, A, LinkType.PULL, "", Map.of()));
        store(S1, OTHER, 42, "model", Map.of());

        List<JobInput> inputs = Router.arrive(graph, at(A, "run-1"), latest).job().orElseThrow().spec().inputs();

        assertThat(inputs).extracting(JobInput::packageId).containsExactly(500L);
    }

    @Test
    void severalPullLinksAddOnePackageEachInLinkOrder() {
        Project graph = graph(link(7, S2, A, LinkType.PULL, "", Map.of()), link(3, S1, A, LinkType.PULL, "", Map.of()),
                link(5, D, A, LinkType.PUSH, "", Map.of()));
        store(S1, MAIN, 41, "one", Map.of());
        store(S2, MAIN, 42, "two", Map.of());
        store(D, MAIN, 43, "pushed, not pulled", Map.of());

        List<JobInput> inputs = Router.arrive(graph, at(A, "run-1"), latest).job().orElseThrow().spec().inputs();

        assertThat(inputs).extracting(JobInput::packageId).containsExactly(500L, 41L, 42L);
    }

    @Test
    void aDataNodeCanBeAPullSource() {
        Project graph = graph(link(1, D, A, LinkType.PULL, "", Map.of()));
        store(D, MAIN, 42, "reference", Map.of());

        List<JobInput> inputs = Router.arrive(graph, at(A, "run-1"), latest).job().orElseThrow().spec().inputs();

        assertThat(inputs).extracting(JobInput::packageId).containsExactly(500L, 42L);
    }

    @Test
    void aUsersRequestMakesAJobAtAManualNodeInteractiveIfAsked() {
        Project graph = graph(new NodeProcessingChanged(P, A, ProcessingMode.MANUAL));
        JobInput input = new JobInput(500, "run-1", Map.of(), List.of());

        Optional<Router.PlannedJob> job = Router.job(graph, A, MAIN, input, latest, true);

        assertThat(job).get().satisfies(j -> assertThat(j.spec().interactive()).isTrue());
    }

    @Test
    void aRequestAtADataNodeMakesNoJob() {
        assertThat(Router.job(graph(), D, MAIN, new JobInput(500, "x", Map.of(), List.of()), latest, false)).isEmpty();
    }

    @Test
    void outputsFollowPushLinksThatPassTheirFilterAndNotPullLinks() {
        Project graph = graph(link(1, A, S1, LinkType.PUSH, "^result", Map.of()),
                link(2, A, S2, LinkType.PULL, "", Map.of()), link(3, A, D, LinkType.PUSH, "", Map.of()));

        List<Delivery> deliveries = Router.outputs(graph, A, "result-1", Map.of(), List.of());

        assertThat(deliveries).extracting(Delivery::targetNodeId).containsExactly(S1, D);
        assertThat(Router.outputs(graph, A, "other", Map.of(), List.of()))
                .extracting(Delivery::targetNodeId).containsExactly(D);
    }

    @Test
    void aRerunTakesTheEarlierInputsAsTheyWereWithTheNodesSettingsOfNow() {
        Project graph = graph(link(1, S1, A, LinkType.PULL, "", Map.of()));
        store(S1, MAIN, 42, "newer", Map.of());
        List<JobInput> earlier = List.of(new JobInput(500, "run-1", Map.of(), List.of()),
                new JobInput(41, "older", Map.of(), List.of()));

        Router.PlannedJob job = Router.rerun(graph, A, MAIN, earlier, true).orElseThrow();

        assertThat(job.spec().inputs()).isEqualTo(earlier);
        assertThat(job.spec().interactive()).isTrue();
        assertThat(job.spec().container()).isEqualTo(CONTAINER);
        assertThat(job.held()).isFalse();
    }

    @Test
    void aRerunAtANodeInactiveInTheLayerMakesNoJob() {
        Project graph = graph(new NodeActivityChanged(P, A, MAIN, false));

        assertThat(Router.rerun(graph, A, MAIN, List.of(), false)).isEmpty();
    }

    @Test
    void aRerunWhileTheProjectIsOffIsHeld() {
        Project graph = graph(new org.tributary.domain.project.api.ProjectSwitched(P, false));

        assertThat(Router.rerun(graph, A, MAIN, List.of(), false).orElseThrow().held()).isTrue();
    }
}
