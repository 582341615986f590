package org.tributary.proxy.publish;

import com.rabbitmq.client.ReturnListener;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

@Configuration(proxyBeanMethods = false)
class PublishingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PublishingConfiguration.class);

    /** A bean, so that Spring's RabbitAdmin declares it again on every new connection. */
    @Bean
    TopicExchange eventsExchange(ProxyProperties properties) {
        return new TopicExchange(properties.exchange(), true, false);
    }

    @Bean
    ConfirmedPublisher confirmedPublisher(ConnectionFactory connectionFactory, AmqpAdmin admin,
                                          TopicExchange eventsExchange,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          ProxyProperties properties,
                                          io.micrometer.core.instrument.MeterRegistry metrics) {
        return new ConfirmedPublisher(new ConfirmChannel(connectionFactory, unroutableLogger()), admin,
                eventsExchange, eventSerializer, properties.confirmTimeout(), metrics);
    }

    /**
     * The proxy sends no message of its own, so no event's correlation data is ever passed on. Without this bean
     * Axon's default (MessageOriginProvider) reads every event's metadata to learn it, for the result of each
     * handler call: a quarter of the proxy's time in a profile (bench/proxy/README.md).
     */
    @Bean
    CorrelationDataProvider noCorrelationData() {
        return message -> Map.of();
    }

    /** How far the proxy is behind the head of the event store (tributary_processor_lag_events). */
    @Bean
    org.tributary.eventtail.ProcessorLag processorLag(io.micrometer.core.instrument.MeterRegistry registry,
            org.springframework.beans.factory.ObjectProvider<org.axonframework.config.EventProcessingConfiguration> processing,
            org.springframework.beans.factory.ObjectProvider<org.axonframework.eventsourcing.eventstore.EventStore> events) {
        return new org.tributary.eventtail.ProcessorLag(registry, processing, events);
    }

    /**
     * Consumers bind only what they want (an executor binds its own JobDispatched), so most events reach no queue.
     * That is normal, but a missing binding is worth one warning per event type.
     */
    static ReturnListener unroutableLogger() {
        Set<String> warned = ConcurrentHashMap.newKeySet();
        return (replyCode, replyText, exchange, routingKey, properties, body) -> {
            Object eventType = properties.getHeaders() == null ? null
                    : properties.getHeaders().get(OutgoingEvent.EVENT_TYPE);
            if (warned.add(String.valueOf(eventType))) {
                log.warn("no queue is bound for {} (routing key {}, event {}); later unroutable {} events are logged"
                        + " at DEBUG", eventType, routingKey, properties.getMessageId(), eventType);
            } else {
                log.debug("unroutable: routing key {}, event {}", routingKey, properties.getMessageId());
            }
        };
    }

    /** Publish failures must reach the processor, which then rolls the batch back and retries it. */
    @Bean
    ConfigurerModule proxyProcessing(ConfirmedPublisher publisher) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerEventHandler(c -> publisher)
                .registerListenerInvocationErrorHandler(ConfirmedPublisher.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance()));
    }
}
