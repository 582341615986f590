package org.tributary.proxy.publish;

import com.rabbitmq.client.ReturnListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tributary.proxy.forward.EventForwarder;
import org.tributary.proxy.forward.ForwarderSettings;

import java.sql.DriverManager;
import java.time.Clock;
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
                                          TopicExchange eventsExchange, ProxyProperties properties,
                                          MeterRegistry metrics) {
        return new ConfirmedPublisher(new ConfirmChannel(connectionFactory, unroutableLogger()), admin,
                eventsExchange, properties.confirmTimeout(), metrics);
    }

    /**
     * The forwarder, on a connection of its own (the pool's connections must not keep its LISTEN and lock), to the
     * database the proxy's pool uses.
     *
     * @param schema  command-service's schema, where its event table is
     * @param channel the channel command-service's trigger notifies on each append
     */
    @Bean
    EventForwarder eventForwarder(DataSourceProperties database, ConfirmedPublisher publisher,
                                  ProxyProperties properties,
                                  @Value("${tributary.event-store.schema:command}") String schema,
                                  @Value("${tributary.event-store.channel:tributary_events}") String channel) {
        String url = database.determineUrl();
        String user = database.determineUsername();
        String password = database.determinePassword();
        ForwarderSettings settings = new ForwarderSettings(schema + ".domainevententry", properties.tokenTable(),
                channel, properties.batchSize(), properties.idlePoll(), properties.gapTimeout(),
                properties.maxGaps(), properties.storeEvery(), properties.confirmTimeout(), properties.retryFirst(),
                properties.retryMax(), properties.standbyRetry());
        return new EventForwarder(() -> DriverManager.getConnection(url, user, password), publisher, settings,
                Clock.systemUTC());
    }

    /**
     * {@code tributary_processor_lag_events{processor="proxy"}}: how many events the proxy is behind the head of the
     * event store, read when scraped; NaN until it knows its position.
     */
    @Bean
    Gauge proxyLag(MeterRegistry registry, EventForwarder forwarder, JdbcTemplate jdbc,
                   @Value("${tributary.event-store.schema:command}") String schema) {
        String head = "SELECT COALESCE(MAX(globalindex), 0) FROM " + schema + ".domainevententry";
        return Gauge.builder("tributary.processor.lag.events", forwarder, f -> {
                    long position = f.status().position();
                    if (position < 0) {
                        return Double.NaN;
                    }
                    Long top = jdbc.queryForObject(head, Long.class);
                    return top == null ? 0 : Math.max(0, top - position);
                })
                .tag("processor", "proxy")
                .description("events between the head of the event store and the processor's position")
                .register(registry);
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
}
