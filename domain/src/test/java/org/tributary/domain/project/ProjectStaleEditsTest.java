package org.tributary.domain.project;

import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tributary.domain.TakenIds;
import org.tributary.domain.project.api.AddProjectMember;
import org.tributary.domain.project.api.CreateNode;
import org.tributary.domain.project.api.DeleteDataLayer;
import org.tributary.domain.project.api.NodeRenamed;
import org.tributary.domain.project.api.RemoveProjectMember;
import org.tributary.domain.project.api.UpdateDataLayer;
import org.tributary.domain.shared.Conflict;
import org.tributary.domain.shared.NodeKind;
import org.tributary.domain.shared.NotFound;

import java.util.stream.Stream;

import static org.tributary.domain.Refusals.refusal;
import static org.tributary.domain.project.ProjectSamples.A;
import static org.tributary.domain.project.ProjectSamples.P;
import static org.tributary.domain.project.ProjectSamples.graph;

/**
 * An edit made against an older version of the project is refused as stale before it is judged, so that the user
 * is told to reload rather than about a state they have not seen; one made against the current version is judged.
 */
class ProjectStaleEditsTest {

    private FixtureConfiguration<Project> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Project.class);
        fixture.registerInjectableResource(new TakenIds(500));
    }

    /** Each would be refused for itself too (no such member, layer or acting owner). */
    static Stream<Object> staleAndInvalid() {
        return Stream.of(new AddProjectMember(P, 0L, 1, 2, null), new RemoveProjectMember(P, 0L, 1, 999),
                new UpdateDataLayer(P, 0L, 999, "x", null, null, null, null), new DeleteDataLayer(P, 0L, 999));
    }

    @ParameterizedTest
    @MethodSource("staleAndInvalid")
    void aStaleEditIsRefusedAsStaleBeforeItIsJudged(Object command) {
        fixture.given(graph())
                .when(command)
                .expectException(ConflictingAggregateVersionException.class);
    }

    @Test
    void anEditAtTheCurrentVersionIsJudgedOnItsOwn() {
        long current = graph().length - 1;
        fixture.given(graph())
                .when(new DeleteDataLayer(P, current, 999))
                .expectException(refusal(NotFound.class, "data_layer_id"));
    }

    @Test
    void aRenamedNodesNewLabelIsTakenAndItsOldOneFree() {
        Object[] renamed = graph(new NodeRenamed(P, A, "renamed"));
        fixture.given(renamed)
                .when(new CreateNode(P, null, null, "renamed", NodeKind.DATA, null, 0, 0, null))
                .expectException(refusal(Conflict.class, "label"));
        fixture.given(renamed)
                .when(new CreateNode(P, null, 600L, "a", NodeKind.DATA, null, 0, 0, null))
                .expectSuccessfulHandlerExecution();
    }
}
