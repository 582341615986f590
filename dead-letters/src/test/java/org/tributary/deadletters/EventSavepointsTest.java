package org.tributary.deadletters;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.AnnotatedHandlerInspector;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

/** What a failed event's handling undoes, with or without a unit of work nested around each handler call. */
class EventSavepointsTest {

    /** A projection in the wrapped group: fails on "bad", and notes the unit of work it ran in. */
    @ProcessingGroup("projections")
    static class Projection {
        UnitOfWork<?> ranIn;

        @EventHandler
        void on(String event) {
            ranIn = CurrentUnitOfWork.get();
            if (event.equals("bad")) {
                throw new IllegalArgumentException("cannot store " + event);
            }
        }
    }

    private final Projection projection = new Projection();
    private final List<Message<?>> undone = new ArrayList<>();
    private final EventSavepoints plain = new EventSavepoints(mock(DataSource.class), Set.of("projections"));
    private final EventSavepoints sendingNoCommands = plain.sendingNoCommands(undone::add);
    private UnitOfWork<?> batch;

    @AfterEach
    void endTheBatch() {
        if (batch != null && batch.isActive()) {
            batch.rollback();
        }
    }

    private Object handle(EventSavepoints savepoints, String payload) throws Exception {
        EventMessage<String> event = GenericEventMessage.asEventMessage(payload);
        batch = DefaultUnitOfWork.startAndGet(event);
        MessageHandlingMember<? super Projection> handler = AnnotatedHandlerInspector.inspectType(Projection.class)
                .getHandlers(Projection.class).findFirst().orElseThrow();
        return savepoints.wrapHandler(handler).handle(event, projection);
    }

    @Test
    void aFailedEventIsToldToTheUndoAndItsFailureThrownOn() {
        assertThatThrownBy(() -> handle(sendingNoCommands, "bad")).isInstanceOf(IllegalArgumentException.class);

        assertThat(undone).extracting(message -> (Object) message.getPayload()).containsExactly("bad");
    }

    @Test
    void anEventHandledWellIsNotUndone() throws Exception {
        handle(sendingNoCommands, "good");

        assertThat(undone).isEmpty();
    }

    @Test
    void handlersThatSendNoCommandsRunInTheBatchsUnitOfWork() throws Exception {
        handle(sendingNoCommands, "good");

        assertThat(projection.ranIn).isSameAs(batch);
    }

    @Test
    void otherHandlersRunInAUnitOfWorkOfTheirOwnThatAFailureRollsBack() {
        assertThatThrownBy(() -> handle(plain, "bad")).isInstanceOf(IllegalArgumentException.class);

        assertThat(projection.ranIn).isNotSameAs(batch);
        assertThat(projection.ranIn.isRolledBack()).isTrue();
        assertThat(CurrentUnitOfWork.get()).isSameAs(batch);
    }

    @Test
    void aHandlerOfAnotherGroupIsLeftAlone() throws Exception {
        MessageHandlingMember<? super Other> handler = AnnotatedHandlerInspector.inspectType(Other.class)
                .getHandlers(Other.class).findFirst().orElseThrow();

        assertThat(sendingNoCommands.wrapHandler(handler)).isSameAs(handler);
    }

    @ProcessingGroup("routing")
    static class Other {
        @EventHandler
        void on(String event) {
        }
    }
}
