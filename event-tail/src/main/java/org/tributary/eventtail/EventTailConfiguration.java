package org.tributary.eventtail;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * Imported by query-service and projection-proxy: they read command-service's event tables (in its schema) with
 * their own tracking tokens (in the service's own schema). They never append. A service opts in with
 * {@code @Import(EventTailConfiguration.class)}; being user configuration, these beans come before Axon's
 * auto-configured defaults, which back off.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventTailProperties.class)
public class EventTailConfiguration {

    @Bean
    EventSchema eventSchema(EventTailProperties properties) {
        return EventSchema.builder()
                .eventTable(properties.schema() + ".domainevententry")
                .snapshotTable(properties.schema() + ".snapshotevententry")
                .build();
    }

    /**
     * Axon's JdbcAutoConfiguration makes its engine only when no EventStore bean exists, and this configuration
     * defines one, so the engine under the tail is defined here too, over command-service's tables.
     */
    @Bean
    EventStorageEngine eventTailStorageEngine(Serializer serializer,
                                              @Qualifier("eventSerializer") Serializer eventSerializer,
                                              ConnectionProvider connectionProvider,
                                              TransactionManager transactionManager, EventSchema eventSchema) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .build();
    }

    @Bean
    EventTail eventStore(EventStorageEngine storageEngine, EventTailProperties properties) {
        return new EventTail(storageEngine, properties.fetchDelayMs());
    }

    @Bean
    NotificationListener eventNotificationListener(DataSource dataSource, EventStore eventStore,
                                                   EventTailProperties properties) {
        return new NotificationListener(dataSource, (EventTail) eventStore, properties.channel());
    }
}
