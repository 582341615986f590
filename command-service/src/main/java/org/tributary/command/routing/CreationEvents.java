package org.tributary.command.routing;

import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * A package's or a job's content, read from the event that created it: routing's tables keep only ids and labels,
 * so that routing writes one small row per package or job.
 */
@Component
class CreationEvents {

    private final ObjectProvider<EventStore> events;

    CreationEvents(ObjectProvider<EventStore> events) {
        this.events = events;
    }

    /** The first event of the aggregate that is a {@code type}; empty when it has none (or does not exist). */
    <T> Optional<T> of(long aggregateId, Class<T> type) {
        DomainEventStream stream = events.getObject().readEvents(Long.toString(aggregateId));
        while (stream.hasNext()) {
            Object payload = stream.next().getPayload();
            if (type.isInstance(payload)) {
                return Optional.of(type.cast(payload));
            }
        }
        return Optional.empty();
    }
}
