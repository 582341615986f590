package org.tributary.deadletters;

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
import org.tributary.domain.shared.DomainException;

/**
 * A dead-letter queue for an event processor, in the service's own database (table {@code deadletterentry}, which
 * each service's migrations create): an event its handlers cannot take is set aside, it alone, and the later
 * events of its aggregate wait behind it in order; every other event is handled. A failure that may pass (the
 * database went away, an aggregate changed meanwhile) sets nothing aside: the batch is retried, as before.
 * <p>
 * Pair it with {@link EventSavepoints} for the same group, so that what a failed event did is undone before it is
 * set aside.
 */
public final class DeadLetterQueues {

    private DeadLetterQueues() {
    }

    /**
     * @param allowReset whether a replay of the processor starts over with its dead letters dropped (a read model
     *                   rebuilt from the first event); a processor with effects outside its database never resets
     */
    public static ConfigurerModule forProcessor(String group, boolean allowReset, ConnectionProvider connections,
                                                TransactionManager transactions, Serializer generic,
                                                Serializer events) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDeadLetterQueue(group, config -> JdbcSequencedDeadLetterQueue
                        .<EventMessage<?>>builder()
                        .processingGroup(group)
                        .connectionProvider(connections)
                        .transactionManager(transactions)
                        .schema(DeadLetterSchema.defaultSchema())
                        .genericSerializer(generic)
                        .eventSerializer(events)
                        .build())
                .registerDeadLetterPolicy(group, config -> policy())
                .registerDeadLetteringEventHandlerInvokerConfiguration(group,
                        // the queue is asked whether an event's sequence holds a letter only when this segment
                        // put one there (or found one when it started): a database round trip per event saved
                        (config, builder) -> builder.allowReset(allowReset).enableSequenceIdentifierCache()));
    }

    static EnqueuePolicy<EventMessage<?>> policy() {
        return (letter, cause) -> decide(cause);
    }

    static EnqueueDecision<EventMessage<?>> decide(Throwable cause) {
        if (Failures.isTransient(cause)) {
            // thrown on: the processor retries the batch later, and nothing is set aside for an outage
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
        return Decisions.enqueue(ThrowableCause.truncated(telling(cause), 1000));
    }

    /**
     * The failure an operator can act on, not Axon's wrapper around it: a refusal of the domain (which names what
     * was refused) where there is one, else the innermost cause (PostgreSQL's own message, say).
     */
    static Throwable telling(Throwable cause) {
        Throwable innermost = cause;
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DomainException) {
                return t;
            }
            innermost = t;
        }
        return innermost;
    }
}
