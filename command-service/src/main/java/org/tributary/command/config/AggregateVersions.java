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
import org.tributary.domain.shared.Created;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Answers "which version did my edit make?": a client sends that version with its next edit, and a stale one is
 * refused. The version is the sequence number of the last event the command appended to its aggregate, taken from
 * the events themselves as they are stored, so it is exact even under concurrent edits.
 * <p>
 * Axon intercepts events only when the unit of work prepares to commit, after the handler has returned; so the
 * handler answers a {@link Version} that is filled in then, and read by the sender once the command completed.
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
                    Version version = CurrentUnitOfWork.get().getResource(LAST_SEQUENCE);
                    if (version != null) {
                        version.sequence = domain.getSequenceNumber();
                    }
                }
                return message;
            };
        }
    }

    /**
     * A command handler that returns nothing answers the version it produced; one that created something under a
     * new id ({@link Created}) answers that id beside the version.
     */
    private static final class ReturnVersion implements MessageHandlerInterceptor<CommandMessage<?>> {
        @Override
        public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            Version version = new Version();
            unitOfWork.resources().put(LAST_SEQUENCE, version);
            Object result = chain.proceed();
            if (result instanceof Created created) {
                version.created = created.id();
                return version;
            }
            return result == null ? version : result;
        }
    }

    /** The sequence number of the last event a command appended; empty when it appended none. */
    public static final class Version {
        private volatile Long sequence;
        private volatile Long created;

        /** The id of what the command created, if it created something inside its aggregate. */
        public Long created() {
            return created;
        }

        public Long sequence() {
            return sequence;
        }
    }
}
