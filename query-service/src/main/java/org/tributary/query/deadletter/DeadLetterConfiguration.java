package org.tributary.query.deadletter;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.tributary.deadletters.DeadLetterController;
import org.tributary.deadletters.DeadLetterQueues;
import org.tributary.deadletters.EventSavepoints;
import org.tributary.query.shared.Projections;
import org.tributary.query.shared.ReadModelWrites;

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

    /**
     * A savepoint before each event, so that a failed one is undone alone; where writes wait for the commit
     * ({@link ReadModelWrites}, a rebuild), a failed event's writes are dropped instead and no savepoint is needed.
     * The projections send no commands.
     */
    @Bean
    EventSavepoints eventSavepoints(DataSource dataSource, ReadModelWrites writes,
                                    @Value("${" + ReadModelWrites.DEFERRED + ":false}") boolean deferred) {
        EventSavepoints savepoints = deferred ? EventSavepoints.onFirstWrite(dataSource, Set.of(Projections.GROUP))
                : new EventSavepoints(dataSource, Set.of(Projections.GROUP));
        return savepoints.sendingNoCommands(writes::undo);
    }

    /** A replay rebuilds the read model from the first event, dead letters included. */
    @Bean
    ConfigurerModule projectionDeadLetters(ConnectionProvider connections, TransactionManager transactions,
                                           Serializer serializer, @Qualifier("eventSerializer") Serializer events) {
        return DeadLetterQueues.forProcessor(Projections.GROUP, true, connections, transactions, serializer, events);
    }
}
