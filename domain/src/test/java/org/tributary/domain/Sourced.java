package org.tributary.domain;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

import java.util.function.Supplier;

/**
 * An aggregate rebuilt from events through its real {@code @EventSourcingHandler}s, as Axon's repository does,
 * for the read-only questions (such as {@code Project.planJob}) that services ask of a loaded aggregate.
 */
public final class Sourced<T> {

    private final AggregateModel<T> model;
    private final T aggregate;

    private Sourced(Class<T> type, T aggregate) {
        this.model = AnnotatedAggregateMetaModelFactory.inspectAggregate(type);
        this.aggregate = aggregate;
    }

    public static <T> Sourced<T> from(Class<T> type, Supplier<T> blank, Object... events) {
        Sourced<T> sourced = new Sourced<>(type, blank.get());
        return sourced.then(events);
    }

    /** Applies further events to the same instance. */
    public Sourced<T> then(Object... events) {
        for (Object event : events) {
            model.publish(GenericEventMessage.asEventMessage(event), aggregate);
        }
        return this;
    }

    public T aggregate() {
        return aggregate;
    }
}
