package org.tributary.domain.project;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tributary.domain.job.api.JobStatus;
import org.tributary.domain.project.api.NodeActivityChanged;
import org.tributary.domain.project.api.NodeJobsRerunRequested;
import org.tributary.domain.project.api.PackagesProcessingRequested;
import org.tributary.domain.project.api.ProcessPackages;
import org.tributary.domain.project.api.RerunNodeJobs;
import org.tributary.domain.shared.Conflict;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.NotFound;

import java.util.List;
import java.util.stream.LongStream;

import static org.tributary.domain.Refusals.refusal;
import static org.tributary.domain.project.ProjectSamples.A;
import static org.tributary.domain.project.ProjectSamples.B;
import static org.tributary.domain.project.ProjectSamples.MAIN;
import static org.tributary.domain.project.ProjectSamples.P;
import static org.tributary.domain.project.ProjectSamples.graph;

/** A user's requests for jobs at a node: process chosen packages, re-run the jobs that ended in a status. */
class ProjectNodeRequestsTest {

    private FixtureConfiguration<Project> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Project.class);
    }

    @Test
    void chosenPackagesAreHandedToRoutingWithTheirJobIds() {
        fixture.given(graph())
                .when(new ProcessPackages(P, A, MAIN, List.of(5L, 6L), List.of(50L, 60L), true))
                .expectEvents(new PackagesProcessingRequested(P, A, MAIN, List.of(5L, 6L), List.of(50L, 60L), true));
    }

    @Test
    void aDataNodeProcessesNothing() {
        fixture.given(graph())
                .when(new ProcessPackages(P, B, MAIN, List.of(5L), List.of(50L), false))
                .expectException(refusal(Conflict.class, "node_id"))
                .expectNoEvents();
    }

    @Test
    void aNodeInactiveInTheLayerProcessesNothing() {
        fixture.given(graph(new NodeActivityChanged(P, A, MAIN, false)))
                .when(new ProcessPackages(P, A, MAIN, List.of(5L), List.of(50L), false))
                .expectException(refusal(Conflict.class, "data_layer_id"))
                .expectNoEvents();
    }

    @Test
    void anUnknownLayerIsNotFound() {
        fixture.given(graph())
                .when(new ProcessPackages(P, A, 999, List.of(5L), List.of(50L), false))
                .expectException(refusal(NotFound.class, "data_layer_id"))
                .expectNoEvents();
    }

    @Test
    void anEmptyChoiceIsRefused() {
        fixture.given(graph())
                .when(new ProcessPackages(P, A, MAIN, List.of(), List.of(), false))
                .expectException(refusal(InvalidInput.class, "packages"))
                .expectNoEvents();
    }

    @Test
    void aPackageListedTwiceIsNamed() {
        fixture.given(graph())
                .when(new ProcessPackages(P, A, MAIN, List.of(5L, 6L, 5L), List.of(50L, 60L, 70L), false))
                .expectException(refusal(InvalidInput.class, "packages[2]"))
                .expectNoEvents();
    }

    @Test
    void atMostAThousandPackagesAtOnce() {
        List<Long> many = LongStream.rangeClosed(1, ProcessPackages.MAX_PACKAGES + 1).boxed().toList();
        fixture.given(graph())
                .when(new ProcessPackages(P, A, MAIN, many, many, false))
                .expectException(refusal(InvalidInput.class, "packages"))
                .expectNoEvents();
    }

    @Test
    void aThousandPackagesAreAccepted() {
        List<Long> many = LongStream.rangeClosed(1, ProcessPackages.MAX_PACKAGES).boxed().toList();
        fixture.given(graph())
                .when(new ProcessPackages(P, A, MAIN, many, many, false))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void eachPackageNeedsAJobId() {
        fixture.given(graph())
                .when(new ProcessPackages(P, A, MAIN, List.of(5L, 6L), List.of(50L), false))
                .expectException(refusal(InvalidInput.class, "job_ids"))
                .expectNoEvents();
    }

    @Test
    void jobsThatEndedInAStatusAreRerun() {
        fixture.given(graph())
                .when(new RerunNodeJobs(P, A, MAIN, JobStatus.ERROR))
                .expectEvents(new NodeJobsRerunRequested(P, A, MAIN, JobStatus.ERROR));
    }

    @Test
    void onlyAnEndStatusCanBeRerun() {
        fixture.given(graph())
                .when(new RerunNodeJobs(P, A, MAIN, JobStatus.STARTED))
                .expectException(refusal(InvalidInput.class, "status"))
                .expectNoEvents();
    }

    @Test
    void aRerunNeedsAStatus() {
        fixture.given(graph())
                .when(new RerunNodeJobs(P, A, MAIN, null))
                .expectException(refusal(InvalidInput.class, "status"))
                .expectNoEvents();
    }

    @Test
    void aDataNodeHasNoJobsToRerun() {
        fixture.given(graph())
                .when(new RerunNodeJobs(P, B, MAIN, JobStatus.ERROR))
                .expectException(refusal(Conflict.class, "node_id"))
                .expectNoEvents();
    }

    @Test
    void anUnknownNodeIsNotFound() {
        fixture.given(graph())
                .when(new RerunNodeJobs(P, 999, MAIN, JobStatus.ERROR))
                .expectException(refusal(NotFound.class, "node_id"))
                .expectNoEvents();
    }

    @Test
    void anInactiveNodeReRunsNothing() {
        fixture.given(graph(new NodeActivityChanged(P, A, MAIN, false)))
                .when(new RerunNodeJobs(P, A, MAIN, JobStatus.ERROR))
                .expectException(refusal(Conflict.class, "data_layer_id"))
                .expectNoEvents();
    }

    @Test
    void aRerunInAnUnknownLayerIsNotFound() {
        fixture.given(graph())
                .when(new RerunNodeJobs(P, A, 999, JobStatus.ERROR))
                .expectException(refusal(NotFound.class, "data_layer_id"))
                .expectNoEvents();
    }
}
