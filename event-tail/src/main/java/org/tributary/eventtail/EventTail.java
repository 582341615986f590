package org.tributary.eventtail;

import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.util.List;

/**
 * The event store as a follower sees it: Axon's embedded store over command-service's tables, which a
 * {@link NotificationListener} wakes whenever command-service commits events, so the followers' tracking processors
 * see new events at once instead of after the next fetch delay.
 */
public class EventTail extends EmbeddedEventStore {

    /** The channel command-service's trigger on the event table notifies (see its Flyway migration db/command/V1). */
    public static final String CHANNEL = "tributary_events";

    EventTail(EventStorageEngine engine, long fetchDelayMs) {
        super(EmbeddedEventStore.builder().storageEngine(engine).fetchDelay(fetchDelayMs));
    }

    /** Makes the producer read the store now, if it is waiting. */
    public void wake() {
        afterCommit(List.of());
    }
}
