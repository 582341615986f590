package org.tributary.domain.project;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tributary.domain.Sourced;
import org.tributary.domain.project.api.CreateDataLayer;
import org.tributary.domain.project.api.DataLayerCreated;
import org.tributary.domain.project.api.DataLayerDeleted;
import org.tributary.domain.project.api.DataLayerUpdated;
import org.tributary.domain.project.api.DeleteDataLayer;
import org.tributary.domain.project.api.DeleteProject;
import org.tributary.domain.project.api.NodeActivityChanged;
import org.tributary.domain.project.api.ParameterValuesSet;
import org.tributary.domain.project.api.ProjectDeleted;
import org.tributary.domain.project.api.UpdateDataLayer;
import org.tributary.domain.shared.Conflict;
import org.tributary.domain.shared.DataLayerKind;
import org.tributary.domain.shared.Ids;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.NotFound;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tributary.domain.Refusals.refusal;
import static org.tributary.domain.project.ProjectSamples.A;
import static org.tributary.domain.project.ProjectSamples.MAIN;
import static org.tributary.domain.project.ProjectSamples.OTHER_LAYER;
import static org.tributary.domain.project.ProjectSamples.P;
import static org.tributary.domain.project.ProjectSamples.SECOND_LAYER;
import static org.tributary.domain.project.ProjectSamples.graph;

/** Editing and deleting data layers, and deleting the project. */
class ProjectDataLayersTest {

    static final long USER = 42;
    static final DataLayerCreated SHARED = new DataLayerCreated(P, OTHER_LAYER, "what-if", DataLayerKind.SHARED);

    private FixtureConfiguration<Project> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Project.class);
        fixture.registerInjectableResource((Ids) kind -> 77);
    }

    UpdateDataLayer edit(String label, String description, Boolean active, Boolean personal, Long by) {
        return new UpdateDataLayer(P, null, OTHER_LAYER, label, description, active, personal, by);
    }

    @Test
    void aLayerIsMadeWithItsDescription() {
        fixture.given(graph())
                .when(new CreateDataLayer(P, null, null, "trial", null, null, "first try"))
                .expectEvents(new DataLayerCreated(P, 77, "trial", DataLayerKind.SHARED, null, "first try"));
    }

    @Test
    void anEditStatesTheWholeLayerAfterIt() {
        fixture.given(graph(SHARED))
                .when(edit(" renamed ", "why", null, null, USER))
                .expectEvents(new DataLayerUpdated(P, OTHER_LAYER, "renamed", "why", true, DataLayerKind.SHARED, null));
    }

    @Test
    void anEditThatChangesNothingIsNoEvent() {
        fixture.given(graph(SHARED))
                .when(edit("what-if", "", true, false, USER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aLayerIsSwitchedOff() {
        fixture.given(graph(SHARED))
                .when(edit(null, null, false, null, USER))
                .expectEvents(new DataLayerUpdated(P, OTHER_LAYER, "what-if", "", false, DataLayerKind.SHARED, null));
    }

    @Test
    void aSharedLayerMadePersonalBecomesItsEditors() {
        fixture.given(graph(SHARED))
                .when(edit(null, null, null, true, USER))
                .expectEvents(new DataLayerUpdated(P, OTHER_LAYER, "what-if", "", true, DataLayerKind.PERSONAL, USER));
    }

    @Test
    void aPersonalLayerKeepsItsMaker() {
        fixture.given(graph(new DataLayerCreated(P, OTHER_LAYER, "mine", DataLayerKind.PERSONAL, 7L)))
                .when(edit(null, null, null, false, USER))
                .expectEvents(new DataLayerUpdated(P, OTHER_LAYER, "mine", "", true, DataLayerKind.SHARED, 7L));
    }

    @Test
    void aKeyCannotMakeALayerPersonal() {
        fixture.given(graph(SHARED))
                .when(edit(null, null, null, true, null))
                .expectException(refusal(InvalidInput.class, "is_personal"))
                .expectNoEvents();
    }

    @Test
    void aLayerCannotTakeAnothersLabel() {
        fixture.given(graph(SHARED))
                .when(edit("main", null, null, null, USER))
                .expectException(refusal(Conflict.class, "label"))
                .expectNoEvents();
    }

    @Test
    void anUnknownLayerIsNotFound() {
        fixture.given(graph())
                .when(edit("x", null, null, null, USER))
                .expectException(refusal(NotFound.class, "data_layer_id"))
                .expectNoEvents();
    }

    @Test
    void aLayerIsDeleted() {
        fixture.given(graph(SHARED))
                .when(new DeleteDataLayer(P, null, OTHER_LAYER))
                .expectEvents(new DataLayerDeleted(P, OTHER_LAYER));
    }

    @Test
    void theOnlyLayerIsKept() {
        fixture.given(graph())
                .when(new DeleteDataLayer(P, null, MAIN))
                .expectException(refusal(Conflict.class, "data_layer_id"))
                .expectNoEvents();
    }

    @Test
    void aDeletedLayerTakesItsValuesAndActivityWithIt() {
        Project project = Sourced.from(Project.class, Project::new, graph(SECOND_LAYER,
                new ParameterValuesSet(P, A, OTHER_LAYER, Map.of("x", 1)),
                new NodeActivityChanged(P, A, OTHER_LAYER, false),
                new DataLayerDeleted(P, OTHER_LAYER))).aggregate();

        assertThat(project.planJob(A, OTHER_LAYER)).isEmpty();
        assertThat(project.planJob(A, MAIN)).isPresent();
    }

    @Test
    void anInactiveLayerMakesNoJobs() {
        Project project = Sourced.from(Project.class, Project::new, graph(SHARED,
                new DataLayerUpdated(P, OTHER_LAYER, "what-if", "", false, DataLayerKind.SHARED, null))).aggregate();

        assertThat(project.planJob(A, OTHER_LAYER)).isEmpty();
    }

    @Test
    void theMainLayerIsTheFirstLeft() {
        Project project = Sourced.from(Project.class, Project::new, graph(SHARED, new DataLayerDeleted(P, MAIN)))
                .aggregate();

        assertThat(project.mainDataLayerId()).isEqualTo(OTHER_LAYER);
    }

    @Test
    void aProjectIsDeleted() {
        fixture.given(graph())
                .when(new DeleteProject(P, null))
                .expectEvents(new ProjectDeleted(P))
                .expectMarkedDeleted();
    }

    @Test
    void aDeletedProjectRoutesNothing() {
        Project project = Sourced.from(Project.class, Project::new, graph(new ProjectDeleted(P))).aggregate();

        assertThat(project.kindOf(A)).isEmpty();
    }
}
