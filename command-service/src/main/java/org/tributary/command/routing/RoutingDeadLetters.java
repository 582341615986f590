package org.tributary.command.routing;

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

import javax.sql.DataSource;
import java.util.Set;

/**
 * An event routing cannot act on (its commands refused: a package at a project that is gone, an output the
 * aggregates reject) is set aside alone, with every command it sent undone: the later events of its aggregate wait
 * behind it, every other package keeps flowing. An operator sees, retries and resolves it at
 * {@code /api/admin/dead_letters/routing}. Routing never resets: a replay would route every package again.
 */
@Configuration(proxyBeanMethods = false)
@Import(DeadLetterController.class)
class RoutingDeadLetters {

    @Bean
    EventSavepoints routingSavepoints(DataSource dataSource) {
        return EventSavepoints.onFirstWrite(dataSource, Set.of(RoutingPolicy.PROCESSOR));
    }

    @Bean
    ConfigurerModule routingDeadLetterQueue(ConnectionProvider connections, TransactionManager transactions,
                                            Serializer serializer, @Qualifier("eventSerializer") Serializer events) {
        return DeadLetterQueues.forProcessor(RoutingPolicy.PROCESSOR, false, connections, transactions, serializer,
                events);
    }
}
