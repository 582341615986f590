package org.tributary.command.config;

import org.axonframework.config.Configuration;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.tributary.domain.shared.NotFound;

import org.axonframework.modelling.command.Repository;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Read-only questions to an aggregate from a user's request (whether a node exists before a package is posted to it;
 * whether an executor exists before a project names it). Routing does not ask here: it reads graphs through
 * {@code ProjectGraphs}, without the aggregate's lock. The answer decides which command to send; the aggregate itself stays the judge of that
 * command.
 */
@Component
public class Aggregates {

    private final ObjectProvider<Configuration> axon;
    /** Each type's repository, found once: finding it goes through the bean factory and Axon's modules. */
    private final Map<Class<?>, Repository<?>> repositories = new ConcurrentHashMap<>();

    public Aggregates(ObjectProvider<Configuration> axon) {
        this.axon = axon;
    }

    /**
     * @param field the input that named the aggregate, for the 404 problem
     */
    public <A, T> T ask(Class<A> type, String field, long id, Function<A, T> question) {
        // Axon's repositories expect a command in the unit of work; a nested unit of work holds the aggregate's lock
        // until the outer one commits
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(
                GenericCommandMessage.asCommandMessage("ask " + type.getSimpleName() + " " + id));
        try {
            T answer = load(type, field, id, question);
            unitOfWork.commit();
            return answer;
        } catch (RuntimeException e) {
            if (unitOfWork.isActive()) {
                unitOfWork.rollback(e);
            }
            throw e;
        }
    }

    private <A, T> T load(Class<A> type, String field, long id, Function<A, T> question) {
        try {
            @SuppressWarnings("unchecked")
            Repository<A> repository = (Repository<A>) repositories.computeIfAbsent(type,
                    t -> axon.getObject().repository(t));
            return repository.load(Long.toString(id)).invoke(question);
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            throw new NotFound(field, "there is no " + type.getSimpleName().toLowerCase() + " " + id);
        }
    }
}
