package org.tributary.command.routing;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.tributary.domain.project.api.ProjectCreated;
import org.tributary.domain.project.api.ProjectDeleted;
import org.tributary.domain.routing.RoutingGraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Which graphs routing keeps: loaded once, at most so many, the one read least recently dropped first. */
class ProjectGraphsTest {

    private final EventStore store = mock(EventStore.class);
    private final ProjectGraphs graphs = new ProjectGraphs(provider(store), 2);

    ProjectGraphsTest() {
        when(store.readEvents(anyString())).thenAnswer(call -> DomainEventStream.of(created(
                Long.parseLong(call.getArgument(0)))));
    }

    @Test
    void aGraphIsLoadedOnceAndThenReadFromMemory() {
        graphs.read(1, RoutingGraph::isOn);
        graphs.read(1, RoutingGraph::isOn);

        verify(store, times(1)).readEvents("1");
    }

    @Test
    void pastTheLimitTheGraphReadLeastRecentlyIsDroppedAndLoadedAgainWhenNeeded() {
        graphs.read(1, RoutingGraph::isOn);
        graphs.read(2, RoutingGraph::isOn);
        graphs.read(1, RoutingGraph::isOn);

        graphs.read(3, RoutingGraph::isOn);

        assertThat(graphs.held()).isEqualTo(2);
        graphs.read(1, RoutingGraph::isOn);
        verify(store, times(1)).readEvents("1");
        assertThat(graphs.read(2, RoutingGraph::isOn)).isNotNull();
        verify(store, times(2)).readEvents("2");
    }

    @Test
    void aDeletedProjectsGraphIsDropped() {
        graphs.read(1, RoutingGraph::isOn);

        graphs.follow(new GenericDomainEventMessage<>("Project", "1", 1, new ProjectDeleted(1)));

        assertThat(graphs.held()).isZero();
    }

    @Test
    void holdingNoGraphIsRefused() {
        assertThatThrownBy(() -> new ProjectGraphs(provider(store), 0))
                .hasMessageContaining("tributary.routing.graphs-held");
    }

    private static GenericDomainEventMessage<ProjectCreated> created(long projectId) {
        return new GenericDomainEventMessage<>("Project", Long.toString(projectId), 0,
                new ProjectCreated(projectId, "p" + projectId, null, 7L));
    }

    @SuppressWarnings("unchecked")
    private static ObjectProvider<EventStore> provider(EventStore store) {
        ObjectProvider<EventStore> provider = mock(ObjectProvider.class);
        when(provider.getObject()).thenReturn(store);
        return provider;
    }
}
