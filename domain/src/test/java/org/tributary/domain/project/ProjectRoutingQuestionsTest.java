package org.tributary.domain.project;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.tributary.domain.Sourced;
import org.tributary.domain.project.api.LinkCreated;
import org.tributary.domain.project.api.LinkDeleted;
import org.tributary.domain.project.api.NodeActivityChanged;
import org.tributary.domain.project.api.NodeContainerChanged;
import org.tributary.domain.project.api.NodeDeleted;
import org.tributary.domain.project.api.NodeExecutorChanged;
import org.tributary.domain.project.api.NodeFileDeleted;
import org.tributary.domain.project.api.NodeFilePut;
import org.tributary.domain.project.api.DataLayerDeleted;
import org.tributary.domain.project.api.NodeParametersDefined;
import org.tributary.domain.project.api.ParameterValuesSet;
import org.tributary.domain.project.api.ProjectCreated;
import org.tributary.domain.project.api.ProjectExecutorSet;
import org.tributary.domain.routing.Delivery;
import org.tributary.domain.routing.JobPlan;
import org.tributary.domain.shared.ContainerSpec;
import org.tributary.domain.shared.FileRef;
import org.tributary.domain.shared.LabelFilter;
import org.tributary.domain.shared.LinkType;
import org.tributary.domain.shared.Mapping;
import org.tributary.domain.shared.NotFound;
import org.tributary.domain.shared.ParameterDefinition;
import org.tributary.domain.shared.ParameterType;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tributary.domain.project.ProjectSamples.A;
import static org.tributary.domain.project.ProjectSamples.B;
import static org.tributary.domain.project.ProjectSamples.C;
import static org.tributary.domain.project.ProjectSamples.CONTAINER;
import static org.tributary.domain.project.ProjectSamples.MAIN;
import static org.tributary.domain.project.ProjectSamples.MAIN_LAYER;
import static org.tributary.domain.project.ProjectSamples.NODE_A;
import static org.tributary.domain.project.ProjectSamples.NODE_B;
import static org.tributary.domain.project.ProjectSamples.NODE_C;
import static org.tributary.domain.project.ProjectSamples.NODE_EXECUTOR;
import static org.tributary.domain.project.ProjectSamples.OTHER_LAYER;
import static org.tributary.domain.project.ProjectSamples.P;
import static org.tributary.domain.project.ProjectSamples.PROJECT_EXECUTOR;
import static org.tributary.domain.project.ProjectSamples.SECOND_LAYER;
import static org.tributary.domain.project.ProjectSamples.file;
import static org.tributary.domain.project.ProjectSamples.graph;

/** The read-only questions routing asks of a loaded project: which job a package makes, where packages go. */
class ProjectRoutingQuestionsTest {

    private static final ParameterDefinition THRESHOLD =
            new ParameterDefinition("threshold", null, ParameterType.NUMBER, 0.5, null);
    private static final ParameterDefinition MODE =
            new ParameterDefinition("mode", null, ParameterType.STRING, "fast", null);

    private static Sourced<Project> project(Object... events) {
        return Sourced.from(Project.class, Project::new, events);
    }

    @Nested
    class PlanJob {

        @Test
        void activeComputeNodePlansJobWithItsSettingsInThatLayer() {
            FileRef script = file("run.py", 'a');
            Project project = project(graph(SECOND_LAYER,
                    new NodeParametersDefined(P, A, List.of(THRESHOLD, MODE)),
                    new ParameterValuesSet(P, A, MAIN, Map.of("threshold", 0.9)),
                    new ParameterValuesSet(P, A, OTHER_LAYER, Map.of("mode", "slow")),
                    new NodeFilePut(P, A, script))).aggregate();

            assertThat(project.planJob(A, MAIN)).contains(new JobPlan(A, MAIN, CONTAINER,
                    Map.of("threshold", 0.9, "mode", "fast"), List.of(script), PROJECT_EXECUTOR));
            assertThat(project.planJob(A, OTHER_LAYER)).contains(new JobPlan(A, OTHER_LAYER, CONTAINER,
                    Map.of("threshold", 0.5, "mode", "slow"), List.of(script), PROJECT_EXECUTOR));
        }

        @Test
        void aDeletedLayersValuesAndSwitchesGoWithIt() {
            Project project = project(graph(SECOND_LAYER,
                    new NodeParametersDefined(P, A, List.of(THRESHOLD, MODE)),
                    new ParameterValuesSet(P, A, OTHER_LAYER, Map.of("mode", "slow")),
                    new NodeActivityChanged(P, A, OTHER_LAYER, false),
                    new DataLayerDeleted(P, OTHER_LAYER), SECOND_LAYER)).aggregate();

            // made again under the same id, the layer starts afresh: the node is on there, with its defaults
            assertThat(project.planJob(A, OTHER_LAYER).orElseThrow().fields())
                    .isEqualTo(Map.of("threshold", 0.5, "mode", "fast"));
        }

        @Test
        void fieldsFollowTheSchemaOrder() {
            Project project = project(graph(new NodeParametersDefined(P, A, List.of(MODE, THRESHOLD)),
                    new ParameterValuesSet(P, A, MAIN, Map.of("threshold", 1)))).aggregate();

            assertThat(project.planJob(A, MAIN).orElseThrow().fields().keySet())
                    .containsExactly("mode", "threshold");
        }

        @Test
        void laterValuesMergeOverEarlierOnes() {
            Project project = project(graph(new NodeParametersDefined(P, A, List.of(THRESHOLD, MODE)),
                    new ParameterValuesSet(P, A, MAIN, Map.of("threshold", 0.1, "mode", "slow")),
                    new ParameterValuesSet(P, A, MAIN, Map.of("threshold", 0.2)))).aggregate();

            assertThat(project.planJob(A, MAIN).orElseThrow().fields())
                    .isEqualTo(Map.of("threshold", 0.2, "mode", "slow"));
        }

        @Test
        void nodeExecutorWinsOverProjectExecutor() {
            Project project = project(graph(new NodeExecutorChanged(P, A, NODE_EXECUTOR))).aggregate();

            assertThat(project.planJob(A, MAIN).orElseThrow().executorId()).isEqualTo(NODE_EXECUTOR);
        }

        @Test
        void nodeWithoutExecutorFollowsTheProjectExecutor() {
            Project project = project(graph(new ProjectExecutorSet(P, 42))).aggregate();

            assertThat(project.planJob(A, MAIN).orElseThrow().executorId()).isEqualTo(42L);
        }

        @Test
        void noExecutorAnywhereLeavesItOpen() {
            Project project = project(new ProjectCreated(P, "Demo", null), MAIN_LAYER, NODE_A).aggregate();

            assertThat(project.planJob(A, MAIN).orElseThrow().executorId()).isNull();
        }

        @Test
        void planHasTheCurrentContainerAndFiles() {
            ContainerSpec other = ContainerSpec.of("alpine:3.20", "sh go.sh");
            Project project = project(graph(new NodeFilePut(P, A, file("run.py", 'a')),
                    new NodeFilePut(P, A, file("go.sh", 'b')), new NodeFileDeleted(P, A, "run.py"),
                    new NodeContainerChanged(P, A, other))).aggregate();

            JobPlan plan = project.planJob(A, MAIN).orElseThrow();
            assertThat(plan.container()).isEqualTo(other);
            assertThat(plan.nodeFiles()).containsExactly(file("go.sh", 'b'));
        }

        @Test
        void planIsASnapshotThatLaterChangesDoNotTouch() {
            Sourced<Project> sourced = project(graph(new NodeParametersDefined(P, A, List.of(THRESHOLD)),
                    new NodeFilePut(P, A, file("run.py", 'a'))));
            JobPlan before = sourced.aggregate().planJob(A, MAIN).orElseThrow();

            sourced.then(new ParameterValuesSet(P, A, MAIN, Map.of("threshold", 0.7)),
                    new NodeFilePut(P, A, file("run.py", 'b')), new NodeFilePut(P, A, file("more.py", 'c')),
                    new NodeContainerChanged(P, A, ContainerSpec.of("alpine:3.20", "true")));

            assertThat(before).isEqualTo(new JobPlan(A, MAIN, CONTAINER, Map.of("threshold", 0.5),
                    List.of(file("run.py", 'a')), PROJECT_EXECUTOR));
            assertThat(sourced.aggregate().planJob(A, MAIN).orElseThrow().fields())
                    .containsEntry("threshold", 0.7);
        }

        @Test
        void planCannotBeAlteredByItsReader() {
            JobPlan plan = project(graph(new NodeParametersDefined(P, A, List.of(THRESHOLD)),
                    new NodeFilePut(P, A, file("run.py", 'a')))).aggregate().planJob(A, MAIN).orElseThrow();

            assertThatThrownBy(() -> plan.fields().put("threshold", 1)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> plan.nodeFiles().clear()).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void dataNodePlansNoJob() {
            assertThat(project(graph()).aggregate().planJob(B, MAIN)).isEmpty();
        }

        @Test
        void inactiveNodePlansNoJobInThatLayerOnly() {
            Project project = project(graph(SECOND_LAYER, new NodeActivityChanged(P, A, MAIN, false))).aggregate();

            assertThat(project.planJob(A, MAIN)).isEmpty();
            assertThat(project.planJob(A, OTHER_LAYER)).isPresent();
        }

        @Test
        void reactivatedNodePlansJobsAgain() {
            Project project = project(graph(new NodeActivityChanged(P, A, MAIN, false),
                    new NodeActivityChanged(P, A, MAIN, true))).aggregate();

            assertThat(project.planJob(A, MAIN)).isPresent();
        }

        @Test
        void unknownLayerOrNodePlansNoJob() {
            Project project = project(graph(new NodeDeleted(P, C))).aggregate();

            assertThat(project.planJob(A, OTHER_LAYER)).isEmpty();
            assertThat(project.planJob(999, MAIN)).isEmpty();
            assertThat(project.planJob(C, MAIN)).isEmpty();
        }

        @Test
        void redefiningParametersDropsValuesOfRemovedParameters() {
            Project project = project(graph(new NodeParametersDefined(P, A, List.of(THRESHOLD, MODE)),
                    new ParameterValuesSet(P, A, MAIN, Map.of("threshold", 0.9, "mode", "slow")),
                    new NodeParametersDefined(P, A, List.of(THRESHOLD)),
                    new NodeParametersDefined(P, A, List.of(THRESHOLD, MODE)))).aggregate();

            assertThat(project.planJob(A, MAIN).orElseThrow().fields())
                    .isEqualTo(Map.of("threshold", 0.9, "mode", "fast"));
        }

        @Test
        void redefiningAParameterWithAnotherTypeDropsValuesThatNoLongerSuit() {
            Project project = project(graph(new NodeParametersDefined(P, A, List.of(THRESHOLD)),
                    new ParameterValuesSet(P, A, MAIN, Map.of("threshold", 0.9)),
                    new NodeParametersDefined(P, A, List.of(
                            new ParameterDefinition("threshold", null, ParameterType.STRING, "high", null)))))
                    .aggregate();

            assertThat(project.planJob(A, MAIN).orElseThrow().fields()).containsEntry("threshold", "high");
        }
    }

    @Nested
    class Deliveries {

        private final FileRef data = file("data.csv", 'a');
        private final FileRef log = file("log.txt", 'b');

        @Test
        void deliversAlongEveryMatchingPushLinkWithItsMapping() {
            Project project = project(graph(
                    new LinkCreated(P, 2, A, C, LinkType.PUSH, LabelFilter.of("^run"),
                            Mapping.of(Map.of("input.csv", "data.csv", "n", "count"))),
                    new LinkCreated(P, 1, A, B, LinkType.PUSH, LabelFilter.ANY, Mapping.NONE))).aggregate();

            List<Delivery> deliveries = project.deliveries(A, "run-7", Map.of("count", 3, "ok", true),
                    List.of(data, log));

            assertThat(deliveries).containsExactly(
                    new Delivery(1, B, "run-7", Map.of("count", 3, "ok", true), List.of(data, log)),
                    new Delivery(2, C, "run-7", Map.of("n", 3, "ok", true),
                            List.of(log, data.renamed("input.csv"))));
        }

        @Test
        void filterKeepsPackagesWhoseLabelDoesNotMatch() {
            Project project = project(graph(
                    new LinkCreated(P, 1, A, B, LinkType.PUSH, LabelFilter.of("^final$"), Mapping.NONE))).aggregate();

            assertThat(project.deliveries(A, "draft", Map.of(), List.of())).isEmpty();
            assertThat(project.deliveries(A, "final", Map.of(), List.of())).hasSize(1);
        }

        @Test
        void pullLinksDeliverNothing() {
            Project project = project(graph(
                    new LinkCreated(P, 1, A, B, LinkType.PULL, LabelFilter.ANY, Mapping.NONE))).aggregate();

            assertThat(project.deliveries(A, "x", Map.of(), List.of(data))).isEmpty();
        }

        @Test
        void onlyLinksLeavingTheNodeDeliver() {
            Project project = project(graph(
                    new LinkCreated(P, 1, B, A, LinkType.PUSH, LabelFilter.ANY, Mapping.NONE),
                    new LinkCreated(P, 2, C, B, LinkType.PUSH, LabelFilter.ANY, Mapping.NONE))).aggregate();

            assertThat(project.deliveries(A, "x", Map.of(), List.of(data))).isEmpty();
            assertThat(project.deliveries(B, "x", Map.of(), List.of(data)))
                    .extracting(Delivery::targetNodeId).containsExactly(A);
        }

        @Test
        void deletedLinksAndLinksOfDeletedNodesDeliverNothing() {
            Project project = project(graph(
                    new LinkCreated(P, 1, A, B, LinkType.PUSH, LabelFilter.ANY, Mapping.NONE),
                    new LinkCreated(P, 2, A, C, LinkType.PUSH, LabelFilter.ANY, Mapping.NONE),
                    new LinkDeleted(P, 1), new LinkDeleted(P, 2), new NodeDeleted(P, C))).aggregate();

            assertThat(project.deliveries(A, "x", Map.of(), List.of(data))).isEmpty();
        }
    }

    @Nested
    class RequireNodeInLayer {

        @Test
        void passesForExistingNodeAndLayer() {
            project(graph()).aggregate().requireNodeInLayer(B, MAIN);
        }

        @Test
        void namesTheMissingNode() {
            Project project = project(graph(new NodeDeleted(P, B))).aggregate();

            assertThatThrownBy(() -> project.requireNodeInLayer(B, MAIN))
                    .isInstanceOfSatisfying(NotFound.class, e -> assertThat(e.field()).isEqualTo("node_id"));
        }

        @Test
        void namesTheMissingLayer() {
            Project project = project(graph()).aggregate();

            assertThatThrownBy(() -> project.requireNodeInLayer(B, OTHER_LAYER))
                    .isInstanceOfSatisfying(NotFound.class, e -> assertThat(e.field()).isEqualTo("data_layer_id"));
        }
    }

    @Test
    void samplesAreWhatTheyClaim() {
        // guards the fixtures the tests above lean on
        assertThat(Arrays.asList(graph())).contains(NODE_A, NODE_B, NODE_C, MAIN_LAYER);
    }
}
