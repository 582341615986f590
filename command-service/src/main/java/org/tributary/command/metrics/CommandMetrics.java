package org.tributary.command.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tributary.eventtail.ProcessorLag;

import java.util.List;
import java.util.function.BiFunction;

/**
 * command-service's metrics beside Spring's own (HTTP, JVM, pool): {@code tributary_events_appended_total{type}},
 * counted once the events' transaction commits, and the routing processor's lag.
 */
@Configuration(proxyBeanMethods = false)
class CommandMetrics {

    @Bean
    ProcessorLag processorLag(MeterRegistry registry, ObjectProvider<EventProcessingConfiguration> processing,
                              ObjectProvider<EventStore> events) {
        return new ProcessorLag(registry, processing, events);
    }

    @Bean
    SmartInitializingSingleton eventsAppended(EventStore events, MeterRegistry registry) {
        return () -> events.registerDispatchInterceptor(new Appended(registry));
    }

    private record Appended(MeterRegistry registry) implements MessageDispatchInterceptor<EventMessage<?>> {

        @Override
        public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
            for (EventMessage<?> message : messages) {
                String type = message.getPayloadType().getSimpleName();
                if (CurrentUnitOfWork.isStarted()) {
                    CurrentUnitOfWork.get().afterCommit(u -> count(type));
                } else {
                    count(type);
                }
            }
            return (index, message) -> message;
        }

        private void count(String type) {
            registry.counter("tributary.events.appended", "type", type).increment();
        }
    }
}
