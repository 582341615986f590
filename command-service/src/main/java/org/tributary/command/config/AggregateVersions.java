package org.tributary.command.config;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Answers "which version did my edit make?": a client sends that version with its next edit, and a stale one is
 * refused. The version is the sequence number of the last event the command appended to its aggregate, taken from
 * the events themselves as they are published, so it is exact even under concurrent edits.
 */
@Component
public class AggregateVersions implements SmartInitializingSingleton {

    private static final String LAST_SEQUENCE = AggregateVersions.class.getName() + ".lastSequence";

    private final CommandBus commandBus;
    private final EventStore eventStore;

    public AggregateVersions(CommandBus commandBus, EventStore eventStore) {
        this.commandBus = commandBus;
        this.eventStore = eventStore;
    }

    @Override
    public void afterSingletonsInstantiated() {
        eventStore.registerDispatchInterceptor(new RecordSequence());
        commandBus.registerHandlerInterceptor(new ReturnVersion());
    }

    private static final class RecordSequence implements MessageDispatchInterceptor<EventMessage<?>> {
        @Override
        public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
            return (index, message) -> {
                if (message instanceof DomainEventMessage<?> domain && CurrentUnitOfWork.isStarted()) {
                    CurrentUnitOfWork.get().resources().put(LAST_SEQUENCE, domain.getSequenceNumber());
                }
                return message;
            };
        }
    }

    /** A command handler that returns nothing answers the version it produced (null when it changed nothing). */
    private static final class ReturnVersion implements MessageHandlerInterceptor<CommandMessage<?>> {
        @Override
        public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            Object result = chain.proceed();
            if (result == null) {
                return unitOfWork.getResource(LAST_SEQUENCE);
            }
            return result;
        }
    }
}
