package org.tributary.domain.project;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.tributary.domain.TakenIds;
import org.tributary.domain.project.api.CreateDataLayer;
import org.tributary.domain.project.api.CreateLink;
import org.tributary.domain.project.api.CreateNode;
import org.tributary.domain.project.api.CreateProject;
import org.tributary.domain.project.api.DataLayerCreated;
import org.tributary.domain.project.api.DeleteLink;
import org.tributary.domain.project.api.DeleteNode;
import org.tributary.domain.project.api.LinkCreated;
import org.tributary.domain.project.api.LinkDeleted;
import org.tributary.domain.project.api.NodeContainerChanged;
import org.tributary.domain.project.api.NodeCreated;
import org.tributary.domain.project.api.NodeDeleted;
import org.tributary.domain.project.api.NodeExecutorChanged;
import org.tributary.domain.project.api.NodeMoved;
import org.tributary.domain.project.api.NodeRenamed;
import org.tributary.domain.project.api.ProjectCreated;
import org.tributary.domain.project.api.ProjectExecutorSet;
import org.tributary.domain.project.api.SetProjectExecutor;
import org.tributary.domain.project.api.UpdateNode;
import org.tributary.domain.project.api.NodeProcessingChanged;
import org.tributary.domain.shared.ProcessingMode;
import org.tributary.domain.shared.Conflict;
import org.tributary.domain.shared.ContainerSpec;
import org.tributary.domain.shared.DataLayerKind;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.LabelFilter;
import org.tributary.domain.shared.LinkType;
import org.tributary.domain.shared.Mapping;
import org.tributary.domain.shared.NodeKind;
import org.tributary.domain.shared.NotFound;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tributary.domain.Refusals.refusal;
import static org.tributary.domain.project.ProjectSamples.A;
import static org.tributary.domain.project.ProjectSamples.B;
import static org.tributary.domain.project.ProjectSamples.C;
import static org.tributary.domain.project.ProjectSamples.CONTAINER;
import static org.tributary.domain.project.ProjectSamples.MAIN;
import static org.tributary.domain.project.ProjectSamples.MAIN_LAYER;
import static org.tributary.domain.project.ProjectSamples.NODE_EXECUTOR;
import static org.tributary.domain.project.ProjectSamples.OTHER_LAYER;
import static org.tributary.domain.project.ProjectSamples.P;
import static org.tributary.domain.project.ProjectSamples.PROJECT_CREATED;
import static org.tributary.domain.project.ProjectSamples.PROJECT_EXECUTOR;
import static org.tributary.domain.project.ProjectSamples.graph;

/** The graph's structure: project, nodes, links and data layers. */
class ProjectGraphTest {

    private FixtureConfiguration<Project> fixture;
    private final TakenIds ids = new TakenIds(500);

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Project.class);
        fixture.registerInjectableResource(ids);
    }

    @Nested
    class CreatingAProject {

        @Test
        void createsProjectWithSharedMainLayer() {
            fixture.givenNoPriorActivity()
                    .when(new CreateProject(P, "  Demo  ", PROJECT_EXECUTOR, MAIN))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ProjectCreated(P, "Demo", PROJECT_EXECUTOR),
                            new DataLayerCreated(P, MAIN, "main", DataLayerKind.SHARED));
        }

        @Test
        void createsProjectWithoutExecutor() {
            fixture.givenNoPriorActivity()
                    .when(new CreateProject(P, "Demo", null, MAIN))
                    .expectEvents(new ProjectCreated(P, "Demo", null),
                            new DataLayerCreated(P, MAIN, "main", DataLayerKind.SHARED));
        }

        @Test
        void rejectsBlankName() {
            fixture.givenNoPriorActivity()
                    .when(new CreateProject(P, "   ", null, MAIN))
                    .expectException(refusal(InvalidInput.class, "name"))
                    .expectNoEvents();
        }

        @Test
        void rejectsNameLongerThan200Characters() {
            fixture.givenNoPriorActivity()
                    .when(new CreateProject(P, "n".repeat(201), null, MAIN))
                    .expectException(refusal(InvalidInput.class, "name"))
                    .expectNoEvents();
        }

        @Test
        void setsTheProjectExecutor() {
            fixture.given(PROJECT_CREATED, MAIN_LAYER)
                    .when(new SetProjectExecutor(P, null, 9L))
                    .expectEvents(new ProjectExecutorSet(P, 9));
        }

        @Test
        void noExecutorKeepsTheOneItHas() {
            fixture.given(PROJECT_CREATED, MAIN_LAYER)
                    .when(new SetProjectExecutor(P, null, null))
                    .expectNoEvents();
        }

        @Test
        void aProjectIsSwitchedOff() {
            fixture.given(PROJECT_CREATED, MAIN_LAYER)
                    .when(new SetProjectExecutor(P, null, null, false))
                    .expectEvents(new org.tributary.domain.project.api.ProjectSwitched(P, false));
        }

        @Test
        void anOffProjectIsSwitchedOnAgain() {
            fixture.given(PROJECT_CREATED, MAIN_LAYER, new org.tributary.domain.project.api.ProjectSwitched(P, false))
                    .when(new SetProjectExecutor(P, null, null, true))
                    .expectEvents(new org.tributary.domain.project.api.ProjectSwitched(P, true));
        }

        @Test
        void switchingOnAProjectThatIsOnChangesNothing() {
            fixture.given(PROJECT_CREATED, MAIN_LAYER)
                    .when(new SetProjectExecutor(P, null, null, true))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void settingTheSameExecutorAgainChangesNothing() {
            fixture.given(PROJECT_CREATED, MAIN_LAYER)
                    .when(new SetProjectExecutor(P, null, (Long) PROJECT_EXECUTOR))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class Nodes {

        @Test
        void createsComputeNodeWithStrippedLabel() {
            fixture.given(PROJECT_CREATED, MAIN_LAYER)
                    .when(new CreateNode(P, null, A, " train ", NodeKind.COMPUTE, CONTAINER, 1.5, 2.5, NODE_EXECUTOR))
                    .expectEvents(new NodeCreated(P, A, "train", NodeKind.COMPUTE, CONTAINER, 1.5, 2.5,
                            NODE_EXECUTOR));
        }

        @Test
        void createsDataNodeWithoutContainer() {
            fixture.given(PROJECT_CREATED, MAIN_LAYER)
                    .when(new CreateNode(P, null, B, "raw", NodeKind.DATA, null, 0, 0, null))
                    .expectEvents(new NodeCreated(P, B, "raw", NodeKind.DATA, null, 0, 0, null));
        }

        @Test
        void rejectsLabelUsedByAnotherNode() {
            fixture.given(graph())
                    .when(new CreateNode(P, null, 200L, "a", NodeKind.DATA, null, 0, 0, null))
                    .expectException(refusal(Conflict.class, "label"))
                    .expectNoEvents();
        }

        @Test
        void comparesLabelsAfterStrippingBlanks() {
            fixture.given(graph())
                    .when(new CreateNode(P, null, 200L, "  a ", NodeKind.DATA, null, 0, 0, null))
                    .expectException(refusal(Conflict.class, "label"))
                    .expectNoEvents();
        }

        @Test
        void reusesTheLabelOfADeletedNode() {
            fixture.given(graph(new NodeDeleted(P, A)))
                    .when(new CreateNode(P, null, 200L, "a", NodeKind.DATA, null, 0, 0, null))
                    .expectEvents(new NodeCreated(P, 200, "a", NodeKind.DATA, null, 0, 0, null));
        }

        @Test
        void rejectsBlankLabel() {
            fixture.given(PROJECT_CREATED, MAIN_LAYER)
                    .when(new CreateNode(P, null, A, " ", NodeKind.DATA, null, 0, 0, null))
                    .expectException(refusal(InvalidInput.class, "label"))
                    .expectNoEvents();
        }

        @Test
        void rejectsLabelLongerThanTheLimit() {
            fixture.given(PROJECT_CREATED, MAIN_LAYER)
                    .when(new CreateNode(P, null, A, "x".repeat(Project.MAX_LABEL_LENGTH + 1), NodeKind.DATA, null,
                            0, 0, null))
                    .expectException(refusal(InvalidInput.class, "label"))
                    .expectNoEvents();
        }

        @Test
        void acceptsLabelOfExactlyTheLimit() {
            String label = "x".repeat(Project.MAX_LABEL_LENGTH);
            fixture.given(PROJECT_CREATED, MAIN_LAYER)
                    .when(new CreateNode(P, null, A, label, NodeKind.DATA, null, 0, 0, null))
                    .expectEvents(new NodeCreated(P, A, label, NodeKind.DATA, null, 0, 0, null));
        }

        @Test
        void rejectsNodeWithoutKind() {
            fixture.given(PROJECT_CREATED, MAIN_LAYER)
                    .when(new CreateNode(P, null, A, "a", null, CONTAINER, 0, 0, null))
                    .expectException(refusal(InvalidInput.class, "kind"))
                    .expectNoEvents();
        }

        @Test
        void rejectsComputeNodeWithoutContainer() {
            fixture.given(PROJECT_CREATED, MAIN_LAYER)
                    .when(new CreateNode(P, null, A, "a", NodeKind.COMPUTE, null, 0, 0, null))
                    .expectException(refusal(InvalidInput.class, "container.image"))
                    .expectNoEvents();
        }

        @Test
        void rejectsDataNodeWithContainer() {
            fixture.given(PROJECT_CREATED, MAIN_LAYER)
                    .when(new CreateNode(P, null, B, "b", NodeKind.DATA, CONTAINER, 0, 0, null))
                    .expectException(refusal(InvalidInput.class, "container"))
                    .expectNoEvents();
        }

        @Test
        void rejectsReusedNodeId() {
            fixture.given(graph())
                    .when(new CreateNode(P, null, A, "fresh", NodeKind.DATA, null, 0, 0, null))
                    .expectException(refusal(Conflict.class, "node_id"))
                    .expectNoEvents();
        }

        @Test
        void renamesNode() {
            fixture.given(graph())
                    .when(new UpdateNode(P, null, A, " train ", null, null, null, null))
                    .expectEvents(new NodeRenamed(P, A, "train"));
        }

        @Test
        void aComputeNodeTurnsManual() {
            fixture.given(graph())
                    .when(new UpdateNode(P, null, A, null, null, null, null, null, ProcessingMode.MANUAL))
                    .expectEvents(new NodeProcessingChanged(P, A, ProcessingMode.MANUAL));
        }

        @Test
        void aManualNodeTurnsAutomaticAgain() {
            fixture.given(graph(new NodeProcessingChanged(P, A, ProcessingMode.MANUAL)))
                    .when(new UpdateNode(P, null, A, null, null, null, null, null, ProcessingMode.AUTO))
                    .expectEvents(new NodeProcessingChanged(P, A, ProcessingMode.AUTO));
        }

        @Test
        void theModeItHasChangesNothing() {
            fixture.given(graph())
                    .when(new UpdateNode(P, null, A, null, null, null, null, null, ProcessingMode.AUTO))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aDataNodeCannotBeManual() {
            fixture.given(graph())
                    .when(new UpdateNode(P, null, B, null, null, null, null, null, ProcessingMode.MANUAL))
                    .expectException(refusal(InvalidInput.class, "processing"))
                    .expectNoEvents();
        }

        @Test
        void aNodeCreatedManualSaysSo() {
            fixture.given(graph())
                    .when(new CreateNode(P, null, 103L, "d", NodeKind.COMPUTE, CONTAINER, 0, 0, null,
                            ProcessingMode.MANUAL))
                    .expectEvents(new NodeCreated(P, 103L, "d", NodeKind.COMPUTE, CONTAINER, 0, 0, null),
                            new NodeProcessingChanged(P, 103L, ProcessingMode.MANUAL));
        }

        @Test
        void aDataNodeIsNotCreatedManual() {
            fixture.given(graph())
                    .when(new CreateNode(P, null, 103L, "d", NodeKind.DATA, null, 0, 0, null, ProcessingMode.MANUAL))
                    .expectException(refusal(InvalidInput.class, "processing"))
                    .expectNoEvents();
        }

        @Test
        void renamingToTheSameLabelChangesNothing() {
            fixture.given(graph())
                    .when(new UpdateNode(P, null, A, "a", null, null, null, null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void rejectsRenameToAnotherNodesLabel() {
            fixture.given(graph())
                    .when(new UpdateNode(P, null, A, "b", null, null, null, null))
                    .expectException(refusal(Conflict.class, "label"))
                    .expectNoEvents();
        }

        @Test
        void rejectsRenameToBlank() {
            fixture.given(graph())
                    .when(new UpdateNode(P, null, A, "", null, null, null, null))
                    .expectException(refusal(InvalidInput.class, "label"))
                    .expectNoEvents();
        }

        @Test
        void rejectsUpdateOfUnknownNode() {
            fixture.given(graph())
                    .when(new UpdateNode(P, null, 999, "z", null, null, null, null))
                    .expectException(refusal(NotFound.class, "node_id"))
                    .expectNoEvents();
        }

        @Test
        void changesContainer() {
            ContainerSpec bigger = new ContainerSpec("python:3.12-slim", "python run.py", "2Gi", 4, 0, null, 30,
                    null, null, 2);
            fixture.given(graph())
                    .when(new UpdateNode(P, null, A, null, bigger, null, null, null))
                    .expectEvents(new NodeContainerChanged(P, A, bigger));
        }

        @Test
        void identicalContainerChangesNothing() {
            fixture.given(graph())
                    .when(new UpdateNode(P, null, A, null, ContainerSpec.of("python:3.12-slim", "python run.py"),
                            null, null, null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void rejectsContainerForDataNode() {
            fixture.given(graph())
                    .when(new UpdateNode(P, null, B, null, CONTAINER, null, null, null))
                    .expectException(refusal(InvalidInput.class, "container"))
                    .expectNoEvents();
        }

        @Test
        void movesNode() {
            fixture.given(graph())
                    .when(new UpdateNode(P, null, A, null, null, 5.0, 6.0, null))
                    .expectEvents(new NodeMoved(P, A, 5.0, 6.0));
        }

        @Test
        void movingOneCoordinateKeepsTheOther() {
            // node a was created at (10, 20)
            fixture.given(graph())
                    .when(new UpdateNode(P, null, A, null, null, 5.0, null, null))
                    .expectEvents(new NodeMoved(P, A, 5.0, 20));
        }

        @Test
        void movingOneCoordinateKeepsTheOtherFromTheLastMove() {
            fixture.given(graph(new NodeMoved(P, A, 70, 80)))
                    .when(new UpdateNode(P, null, A, null, null, null, 1.0, null))
                    .expectEvents(new NodeMoved(P, A, 70, 1.0));
        }

        @Test
        void movingToTheSamePlaceChangesNothing() {
            fixture.given(graph())
                    .when(new UpdateNode(P, null, A, null, null, 10.0, 20.0, null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void changesExecutor() {
            fixture.given(graph())
                    .when(new UpdateNode(P, null, A, null, null, null, null, NODE_EXECUTOR))
                    .expectEvents(new NodeExecutorChanged(P, A, NODE_EXECUTOR));
        }

        @Test
        void sameExecutorChangesNothing() {
            fixture.given(graph(new NodeExecutorChanged(P, A, NODE_EXECUTOR)))
                    .when(new UpdateNode(P, null, A, null, null, null, null, NODE_EXECUTOR))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void updatesEverythingGivenInOneCommand() {
            ContainerSpec other = ContainerSpec.of("alpine:3.20", "sh run.sh");
            fixture.given(graph())
                    .when(new UpdateNode(P, null, A, "train", other, 1.0, 2.0, NODE_EXECUTOR))
                    .expectEvents(new NodeRenamed(P, A, "train"), new NodeContainerChanged(P, A, other),
                            new NodeMoved(P, A, 1.0, 2.0), new NodeExecutorChanged(P, A, NODE_EXECUTOR));
        }

        @Test
        void rejectsWholeUpdateWhenALaterPartIsInvalid() {
            // the rename alone would be fine; nothing of the command may be kept
            fixture.given(graph())
                    .when(new UpdateNode(P, null, B, "renamed", CONTAINER, null, null, null))
                    .expectException(refusal(InvalidInput.class, "container"))
                    .expectNoEvents();
        }

        @Test
        void deletesNodeWithTheLinksThatTouchIt() {
            fixture.given(graph(
                            new LinkCreated(P, 1, A, B, LinkType.PUSH, LabelFilter.ANY, Mapping.NONE),
                            new LinkCreated(P, 2, B, C, LinkType.PUSH, LabelFilter.ANY, Mapping.NONE),
                            new LinkCreated(P, 3, C, A, LinkType.PULL, LabelFilter.ANY, Mapping.NONE)))
                    .when(new DeleteNode(P, null, A))
                    .expectEvents(new LinkDeleted(P, 1), new LinkDeleted(P, 3), new NodeDeleted(P, A));
        }

        @Test
        void deletingANodeDoesNotDeleteLinksAlreadyGone() {
            fixture.given(graph(
                            new LinkCreated(P, 1, A, B, LinkType.PUSH, LabelFilter.ANY, Mapping.NONE),
                            new LinkDeleted(P, 1)))
                    .when(new DeleteNode(P, null, A))
                    .expectEvents(new NodeDeleted(P, A));
        }

        @Test
        void rejectsDeleteOfUnknownNode() {
            fixture.given(graph())
                    .when(new DeleteNode(P, null, 999))
                    .expectException(refusal(NotFound.class, "node_id"))
                    .expectNoEvents();
        }

        @Test
        void deletedNodeCannotBeChanged() {
            fixture.given(graph(new NodeDeleted(P, A)))
                    .when(new UpdateNode(P, null, A, "again", null, null, null, null))
                    .expectException(refusal(NotFound.class, "node_id"))
                    .expectNoEvents();
        }

        @Test
        void deletedNodeCannotBeDeletedTwice() {
            fixture.given(graph(new NodeDeleted(P, A)))
                    .when(new DeleteNode(P, null, A))
                    .expectException(refusal(NotFound.class, "node_id"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Links {

        @Test
        void createsPushLinkThatLetsEverythingPassByDefault() {
            fixture.given(graph())
                    .when(new CreateLink(P, null, 1L, A, B, null, null, null))
                    .expectEvents(new LinkCreated(P, 1, A, B, LinkType.PUSH, LabelFilter.ANY, Mapping.NONE));
        }

        @Test
        void createsPullLinkWithFilterAndMapping() {
            fixture.given(graph())
                    .when(new CreateLink(P, null, 1L, B, A, LinkType.PULL, LabelFilter.of("^run-\\d+$"),
                            Mapping.of(Map.of("input.csv", "data.csv"))))
                    .expectEvents(new LinkCreated(P, 1, B, A, LinkType.PULL, LabelFilter.of("^run-\\d+$"),
                            Mapping.of(Map.of("input.csv", "data.csv"))));
        }

        @Test
        void rejectsLinkFromUnknownNode() {
            fixture.given(graph())
                    .when(new CreateLink(P, null, 1L, 999, B, LinkType.PUSH, null, null))
                    .expectException(refusal(NotFound.class, "from_node_id"))
                    .expectNoEvents();
        }

        @Test
        void rejectsLinkToUnknownNode() {
            fixture.given(graph())
                    .when(new CreateLink(P, null, 1L, A, 999, LinkType.PUSH, null, null))
                    .expectException(refusal(NotFound.class, "to_node_id"))
                    .expectNoEvents();
        }

        @Test
        void rejectsLinkToADeletedNode() {
            fixture.given(graph(new NodeDeleted(P, B)))
                    .when(new CreateLink(P, null, 1L, A, B, LinkType.PUSH, null, null))
                    .expectException(refusal(NotFound.class, "to_node_id"))
                    .expectNoEvents();
        }

        @Test
        void rejectsAPushLinkThatClosesALoopOfPushLinksAndNamesTheLoop() {
            fixture.given(graph(new LinkCreated(P, 1, A, B, LinkType.PUSH, LabelFilter.ANY, Mapping.NONE),
                            new LinkCreated(P, 2, B, C, LinkType.PUSH, LabelFilter.of("^x"), Mapping.NONE)))
                    .when(new CreateLink(P, null, 3L, C, A, null, null, null))
                    .expectException(refusal(Conflict.class, "to_node_id"))
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("(a → b → c → a)"))
                    .expectNoEvents();
        }

        @Test
        void rejectsAPushLinkBackAlongAPushLink() {
            fixture.given(graph(new LinkCreated(P, 1, A, B, LinkType.PUSH, LabelFilter.ANY, Mapping.NONE)))
                    .when(new CreateLink(P, null, 2L, B, A, LinkType.PUSH, null, null))
                    .expectException(refusal(Conflict.class, "to_node_id"))
                    .expectNoEvents();
        }

        @Test
        void aPullLinkMayLeadBackAndAPushLoopBrokenByAPullLinkIsNoLoop() {
            fixture.given(graph(new LinkCreated(P, 1, A, B, LinkType.PUSH, LabelFilter.ANY, Mapping.NONE),
                            new LinkCreated(P, 2, B, C, LinkType.PULL, LabelFilter.ANY, Mapping.NONE)))
                    .when(new CreateLink(P, null, 3L, C, A, LinkType.PUSH, null, null))
                    .expectEvents(new LinkCreated(P, 3, C, A, LinkType.PUSH, LabelFilter.ANY, Mapping.NONE));
            fixture.given(graph(new LinkCreated(P, 1, A, B, LinkType.PUSH, LabelFilter.ANY, Mapping.NONE)))
                    .when(new CreateLink(P, null, 2L, B, A, LinkType.PULL, null, null))
                    .expectEvents(new LinkCreated(P, 2, B, A, LinkType.PULL, LabelFilter.ANY, Mapping.NONE));
        }

        @Test
        void aDeletedLinkClosesNoLoop() {
            fixture.given(graph(new LinkCreated(P, 1, A, B, LinkType.PUSH, LabelFilter.ANY, Mapping.NONE),
                            new LinkDeleted(P, 1)))
                    .when(new CreateLink(P, null, 2L, B, A, LinkType.PUSH, null, null))
                    .expectEvents(new LinkCreated(P, 2, B, A, LinkType.PUSH, LabelFilter.ANY, Mapping.NONE));
        }

        @Test
        void rejectsLinkFromANodeToItself() {
            fixture.given(graph())
                    .when(new CreateLink(P, null, 1L, A, A, LinkType.PUSH, null, null))
                    .expectException(refusal(InvalidInput.class, "to_node_id"))
                    .expectNoEvents();
        }

        @Test
        void rejectsSecondLinkBetweenTheSameNodesWhateverItsType() {
            fixture.given(graph(new LinkCreated(P, 1, A, B, LinkType.PUSH, LabelFilter.ANY, Mapping.NONE)))
                    .when(new CreateLink(P, null, 2L, A, B, LinkType.PULL, LabelFilter.of("x"), null))
                    .expectException(refusal(Conflict.class, "to_node_id"))
                    .expectNoEvents();
        }

        @Test
        void allowsTheLinkInTheOtherDirection() {
            fixture.given(graph(new LinkCreated(P, 1, A, B, LinkType.PUSH, LabelFilter.ANY, Mapping.NONE)))
                    .when(new CreateLink(P, null, 2L, B, A, LinkType.PULL, null, null))
                    .expectEvents(new LinkCreated(P, 2, B, A, LinkType.PULL, LabelFilter.ANY, Mapping.NONE));
        }

        @Test
        void relinksAfterTheLinkWasDeleted() {
            fixture.given(graph(new LinkCreated(P, 1, A, B, LinkType.PUSH, LabelFilter.ANY, Mapping.NONE),
                            new LinkDeleted(P, 1)))
                    .when(new CreateLink(P, null, 2L, A, B, LinkType.PUSH, null, null))
                    .expectEvents(new LinkCreated(P, 2, A, B, LinkType.PUSH, LabelFilter.ANY, Mapping.NONE));
        }

        @Test
        void rejectsReusedLinkId() {
            fixture.given(graph(new LinkCreated(P, 1, A, B, LinkType.PUSH, LabelFilter.ANY, Mapping.NONE)))
                    .when(new CreateLink(P, null, 1L, B, C, LinkType.PUSH, null, null))
                    .expectException(refusal(Conflict.class, "link_id"))
                    .expectNoEvents();
        }

        @Test
        void invalidFilterIsRefusedBeforeACommandExists() {
            // the command carries a compiled filter, so a bad regex never reaches the aggregate
            assertThatThrownBy(() -> new CreateLink(P, null, 1L, A, B, LinkType.PUSH, LabelFilter.of("run-("), null))
                    .isInstanceOfSatisfying(InvalidInput.class,
                            e -> org.assertj.core.api.Assertions.assertThat(e.field()).isEqualTo("package_filter"));
            assertThatThrownBy(() -> LabelFilter.of("x".repeat(LabelFilter.MAX_LENGTH + 1)))
                    .isInstanceOfSatisfying(InvalidInput.class,
                            e -> org.assertj.core.api.Assertions.assertThat(e.field()).isEqualTo("package_filter"));
        }

        @Test
        void deletesLink() {
            fixture.given(graph(new LinkCreated(P, 1, A, B, LinkType.PUSH, LabelFilter.ANY, Mapping.NONE)))
                    .when(new DeleteLink(P, null, 1))
                    .expectEvents(new LinkDeleted(P, 1));
        }

        @Test
        void rejectsDeleteOfUnknownLink() {
            fixture.given(graph())
                    .when(new DeleteLink(P, null, 1))
                    .expectException(refusal(NotFound.class, "link_id"))
                    .expectNoEvents();
        }

        @Test
        void rejectsDeleteOfLinkRemovedWithItsNode() {
            fixture.given(graph(new LinkCreated(P, 1, A, B, LinkType.PUSH, LabelFilter.ANY, Mapping.NONE),
                            new LinkDeleted(P, 1), new NodeDeleted(P, A)))
                    .when(new DeleteLink(P, null, 1))
                    .expectException(refusal(NotFound.class, "link_id"))
                    .expectNoEvents();
        }
    }

    @Nested
    class DataLayers {

        @Test
        void createsSharedLayerByDefault() {
            fixture.given(graph())
                    .when(new CreateDataLayer(P, null, OTHER_LAYER, " what-if ", null))
                    .expectEvents(new DataLayerCreated(P, OTHER_LAYER, "what-if", DataLayerKind.SHARED));
        }

        @Test
        void createsPersonalLayerOfItsMaker() {
            fixture.given(graph())
                    .when(new CreateDataLayer(P, null, OTHER_LAYER, "mine", DataLayerKind.PERSONAL, 11L))
                    .expectEvents(new DataLayerCreated(P, OTHER_LAYER, "mine", DataLayerKind.PERSONAL, 11L));
        }

        @Test
        void aPersonalLayerNeedsAUser() {
            fixture.given(graph())
                    .when(new CreateDataLayer(P, null, OTHER_LAYER, "mine", DataLayerKind.PERSONAL))
                    .expectNoEvents()
                    .expectException(InvalidInput.class);
        }

        @Test
        void aSharedLayerNamesItsMakerToo() {
            fixture.given(graph())
                    .when(new CreateDataLayer(P, null, OTHER_LAYER, "ours", null, 12L))
                    .expectEvents(new DataLayerCreated(P, OTHER_LAYER, "ours", DataLayerKind.SHARED, 12L));
        }

        @Test
        void rejectsLabelOfAnExistingLayer() {
            fixture.given(graph())
                    .when(new CreateDataLayer(P, null, OTHER_LAYER, "main", null))
                    .expectException(refusal(Conflict.class, "label"))
                    .expectNoEvents();
        }

        @Test
        void rejectsReusedLayerId() {
            fixture.given(graph())
                    .when(new CreateDataLayer(P, null, MAIN, "another", null))
                    .expectException(refusal(Conflict.class, "layer_id"))
                    .expectNoEvents();
        }

        @Test
        void rejectsBlankLayerLabel() {
            fixture.given(graph())
                    .when(new CreateDataLayer(P, null, OTHER_LAYER, "", null))
                    .expectException(refusal(InvalidInput.class, "label"))
                    .expectNoEvents();
        }
    }
}
