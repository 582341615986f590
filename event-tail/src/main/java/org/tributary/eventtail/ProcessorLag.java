package org.tributary.eventtail;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code tributary_processor_lag_events{processor}}: how many events each streaming event processor of the service
 * is behind the head of the event store (the slowest segment counts), read when scraped. NaN while a processor has
 * no position (not started, or between claims).
 */
public class ProcessorLag implements ApplicationListener<ApplicationReadyEvent> {

    private final MeterRegistry registry;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final ObjectProvider<EventStore> events;

    public ProcessorLag(MeterRegistry registry, ObjectProvider<EventProcessingConfiguration> processing,
                        ObjectProvider<EventStore> events) {
        this.registry = registry;
        this.processing = processing;
        this.events = events;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        processing.getObject().eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder("tributary.processor.lag.events", streaming, this::lag)
                        .tag("processor", name)
                        .description("events between the head of the event store and the processor's position")
                        .register(registry);
            }
        });
    }

    double lag(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (status.isEmpty()) {
            return Double.NaN;
        }
        long slowest = Long.MAX_VALUE;
        for (EventTrackerStatus segment : status.values()) {
            OptionalLong position = segment.getCurrentPosition();
            if (position.isEmpty()) {
                return Double.NaN;
            }
            slowest = Math.min(slowest, position.getAsLong());
        }
        TrackingToken head = events.getObject().createHeadToken();
        OptionalLong top = head == null ? OptionalLong.empty() : head.position();
        return top.isEmpty() ? 0 : Math.max(0, top.getAsLong() - slowest);
    }
}
