package org.tributary.query.deadletter;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tributary.query.shared.Projections;

import javax.sql.DataSource;

/**
 * An event that the read model cannot take (say, text PostgreSQL cannot store) is set aside in a dead-letter queue,
 * it alone: the later events of its aggregate wait behind it in order, every other event is projected. An operator
 * sees, retries and resolves it through {@link DeadLetterController}. A failure that may pass (the database went
 * away) sets nothing aside: the batch is retried, as before.
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

    @Bean
    EventSavepoints eventSavepoints(DataSource dataSource) {
        return new EventSavepoints(dataSource);
    }

    @Bean
    ConfigurerModule projectionDeadLetters(ConnectionProvider connections, TransactionManager transactions,
                                           Serializer serializer, @Qualifier("eventSerializer") Serializer events) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDeadLetterQueue(Projections.GROUP, config -> JdbcSequencedDeadLetterQueue
                        .<EventMessage<?>>builder()
                        .processingGroup(Projections.GROUP)
                        .connectionProvider(connections)
                        .transactionManager(transactions)
                        .schema(DeadLetterSchema.defaultSchema())
                        .genericSerializer(serializer)
                        .eventSerializer(events)
                        .build())
                .registerDeadLetterPolicy(Projections.GROUP, config -> policy())
                // a replay rebuilds the read model from the first event, dead letters included
                .registerDeadLetteringEventHandlerInvokerConfiguration(Projections.GROUP,
                        (config, builder) -> builder.allowReset(true)));
    }

    static EnqueuePolicy<EventMessage<?>> policy() {
        return (letter, cause) -> decide(cause);
    }

    static EnqueueDecision<EventMessage<?>> decide(Throwable cause) {
        if (Failures.isTransient(cause)) {
            // thrown on: the processor retries the batch later, and nothing is set aside for an outage
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
        return Decisions.enqueue(ThrowableCause.truncated(cause, 1000));
    }
}
