package org.tributary.eventtail;

import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;

/**
 * For query-service and projection-proxy: they read command-service's event tables (in their schema) with their own
 * tracking tokens (in the service's own schema). They never append.
 */
@AutoConfiguration(before = {AxonAutoConfiguration.class, JdbcAutoConfiguration.class})
@EnableConfigurationProperties(EventTailProperties.class)
public class EventTailAutoConfiguration {

    @Bean
    EventSchema eventSchema(EventTailProperties properties) {
        return EventSchema.builder()
                .eventTable(properties.schema() + ".domainevententry")
                .snapshotTable(properties.schema() + ".snapshotevententry")
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
