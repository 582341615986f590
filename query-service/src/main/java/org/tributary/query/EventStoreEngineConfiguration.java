package org.tributary.query;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The JDBC engine under the {@link org.tributary.eventtail.EventTail}, over command-service's tables (the
 * {@link EventSchema} from event-tail). Needed because Axon's JdbcAutoConfiguration creates its engine only when
 * no EventStore bean exists, and EventTailConfiguration defines one. Primary, so that it also wins over an engine
 * that event-tail may define itself later (this class can then go).
 */
@Configuration(proxyBeanMethods = false)
class EventStoreEngineConfiguration {

    @Bean
    @Primary
    EventStorageEngine queryServiceEventStorageEngine(Serializer serializer,
                                                      @Qualifier("eventSerializer") Serializer eventSerializer,
                                                      ConnectionProvider connectionProvider,
                                                      TransactionManager transactionManager,
                                                      EventSchema eventSchema) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .build();
    }
}
