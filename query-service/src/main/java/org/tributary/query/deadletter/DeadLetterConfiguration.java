package org.tributary.query.deadletter;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.tributary.deadletters.DeadLetterController;
import org.tributary.deadletters.DeadLetterQueues;
import org.tributary.deadletters.EventSavepoints;
import org.tributary.query.shared.Projections;

import javax.sql.DataSource;
import java.util.Set;

/**
 * An event that the read model cannot take (say, text PostgreSQL cannot store) is set aside in a dead-letter queue,
 * it alone: the later events of its aggregate wait behind it in order, every other event is projected. An operator
 * sees, retries and resolves it at {@code /api/admin/dead_letters/projections}.
 */
@Configuration(proxyBeanMethods = false)
@Import(DeadLetterController.class)
public class DeadLetterConfiguration {

    @Bean
    EventSavepoints eventSavepoints(DataSource dataSource) {
        return new EventSavepoints(dataSource, Set.of(Projections.GROUP));
    }

    /** A replay rebuilds the read model from the first event, dead letters included. */
    @Bean
    ConfigurerModule projectionDeadLetters(ConnectionProvider connections, TransactionManager transactions,
                                           Serializer serializer, @Qualifier("eventSerializer") Serializer events) {
        return DeadLetterQueues.forProcessor(Projections.GROUP, true, connections, transactions, serializer, events);
    }
}
