package org.tributary.domain.project;

import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tributary.domain.TakenIds;
import org.tributary.domain.project.api.CreateDataLayer;
import org.tributary.domain.project.api.CreateLink;
import org.tributary.domain.project.api.CreateNode;
import org.tributary.domain.project.api.CreateProject;
import org.tributary.domain.project.api.DataLayerCreated;
import org.tributary.domain.project.api.LinkCreated;
import org.tributary.domain.project.api.NodeCreated;
import org.tributary.domain.project.api.ProjectCreated;
import org.tributary.domain.shared.Conflict;
import org.tributary.domain.shared.Created;
import org.tributary.domain.shared.DataLayerKind;
import org.tributary.domain.shared.Ids;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.LabelFilter;
import org.tributary.domain.shared.LinkType;
import org.tributary.domain.shared.Mapping;
import org.tributary.domain.shared.NodeKind;
import org.tributary.domain.shared.NotFound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tributary.domain.Refusals.refusal;
import static org.tributary.domain.project.ProjectSamples.A;
import static org.tributary.domain.project.ProjectSamples.B;
import static org.tributary.domain.project.ProjectSamples.CONTAINER;
import static org.tributary.domain.project.ProjectSamples.MAIN_LAYER;
import static org.tributary.domain.project.ProjectSamples.P;
import static org.tributary.domain.project.ProjectSamples.PROJECT_CREATED;
import static org.tributary.domain.project.ProjectSamples.graph;

/** What is created without an id gets one once the command is accepted; a refused command takes none. */
class ProjectIdsTest {

    private final TakenIds ids = new TakenIds(500);
    private FixtureConfiguration<Project> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Project.class);
        fixture.registerInjectableResource(ids);
    }

    @Test
    void aNewProjectAndItsMainLayerGetIds() {
        fixture.givenNoPriorActivity()
                .when(new CreateProject(null, "Demo", null, null))
                .expectEvents(new ProjectCreated(500, "Demo", null),
                        new DataLayerCreated(500, 501, "main", DataLayerKind.SHARED));
        assertThat(ids.taken()).containsExactly(Ids.Kind.AGGREGATE, Ids.Kind.DATA_LAYER);
    }

    @Test
    void aRefusedProjectTakesNoId() {
        fixture.givenNoPriorActivity()
                .when(new CreateProject(null, " ", null, null))
                .expectException(refusal(InvalidInput.class, "name"));
        assertThat(ids.taken()).isEmpty();
    }

    @Test
    void aNewNodeGetsAnIdAndAnswersIt() {
        fixture.given(PROJECT_CREATED, MAIN_LAYER)
                .when(new CreateNode(P, null, null, "train", NodeKind.COMPUTE, CONTAINER, 0, 0, null))
                .expectEvents(new NodeCreated(P, 500, "train", NodeKind.COMPUTE, CONTAINER, 0, 0, null))
                .expectResultMessagePayload(new Created(500));
        assertThat(ids.taken()).containsExactly(Ids.Kind.NODE);
    }

    @Test
    void aRefusedNodeTakesNoId() {
        fixture.given(graph())
                .when(new CreateNode(P, null, null, "a", NodeKind.DATA, null, 0, 0, null))
                .expectException(refusal(Conflict.class, "label"));
        assertThat(ids.taken()).isEmpty();
    }

    @Test
    void aNodeMadeAgainstAnOlderVersionIsRefusedBeforeItTakesAnId() {
        fixture.given(graph())
                .when(new CreateNode(P, 0L, null, "late", NodeKind.DATA, null, 0, 0, null))
                .expectException(ConflictingAggregateVersionException.class);
        assertThat(ids.taken()).isEmpty();
    }

    @Test
    void aStaleLinkOrLayerTakesNoIdEither() {
        fixture.given(graph())
                .when(new CreateLink(P, 0L, null, A, B, null, null, null))
                .expectException(ConflictingAggregateVersionException.class);
        fixture.given(graph())
                .when(new CreateDataLayer(P, 0L, null, "late", null))
                .expectException(ConflictingAggregateVersionException.class);
        assertThat(ids.taken()).isEmpty();
    }

    @Test
    void aNewLinkGetsAnIdAndAnswersIt() {
        fixture.given(graph())
                .when(new CreateLink(P, null, null, A, B, null, null, null))
                .expectEvents(new LinkCreated(P, 500, A, B, LinkType.PUSH, LabelFilter.ANY, Mapping.NONE))
                .expectResultMessagePayload(new Created(500));
        assertThat(ids.taken()).containsExactly(Ids.Kind.LINK);
    }

    @Test
    void aRefusedLinkTakesNoId() {
        fixture.given(graph())
                .when(new CreateLink(P, null, null, A, 999, null, null, null))
                .expectException(refusal(NotFound.class, "to_node_id"));
        assertThat(ids.taken()).isEmpty();
    }

    @Test
    void aNewDataLayerGetsAnIdAndAnswersIt() {
        fixture.given(graph())
                .when(new CreateDataLayer(P, null, null, "what-if", null))
                .expectEvents(new DataLayerCreated(P, 500, "what-if", DataLayerKind.SHARED))
                .expectResultMessagePayload(new Created(500));
        assertThat(ids.taken()).containsExactly(Ids.Kind.DATA_LAYER);
    }

    @Test
    void aRefusedDataLayerTakesNoId() {
        fixture.given(graph())
                .when(new CreateDataLayer(P, null, null, "main", null))
                .expectException(refusal(Conflict.class, "label"));
        assertThat(ids.taken()).isEmpty();
    }

    @Test
    void aCommandThatNamesItsIdTakesNone() {
        fixture.given(PROJECT_CREATED, MAIN_LAYER)
                .when(new CreateNode(P, null, A, "train", NodeKind.COMPUTE, CONTAINER, 0, 0, null))
                .expectResultMessagePayload(new Created(A));
        assertThat(ids.taken()).isEmpty();
    }
}
