package org.tributary.query.deadletter;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * One savepoint per event inside a batch's transaction: when a handler fails, every write made for that event is
 * rolled back to it, and the transaction stays usable, so the event can be set aside in the dead-letter table and
 * the rest of the batch is written and committed with the token. Without it, one failed statement aborts the whole
 * PostgreSQL transaction, and with it the batch.
 */
public class EventSavepoints implements HandlerEnhancerDefinition {

    private final DataSource dataSource;
    private final ThreadLocal<Mark> current = new ThreadLocal<>();

    private record Mark(String eventId, Connection connection, Savepoint savepoint) {
    }

    public EventSavepoints(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class)) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                Mark mark = mark(message);
                try {
                    return super.handle(message, target);
                } catch (Exception | Error e) {
                    rollBack(mark, e);
                    throw e;
                }
            }
        };
    }

    /** The savepoint of this event: made before its first handler runs, shared by the others. */
    private Mark mark(Message<?> message) throws SQLException {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Mark mark = current.get();
        if (mark == null || !mark.eventId().equals(message.getIdentifier()) || mark.connection() != connection) {
            mark = new Mark(message.getIdentifier(), connection, connection.setSavepoint());
            current.set(mark);
            forgetAtTheEndOfTheTransaction();
        }
        return mark;
    }

    /**
     * A savepoint lives as long as its transaction: the same event retried in the next one (on the same pooled
     * connection, after a rollback) must get a savepoint of its own.
     */
    private void forgetAtTheEndOfTheTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || TransactionSynchronizationManager.hasResource(this)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(EventSavepoints.this);
                current.remove();
            }
        });
    }

    private void rollBack(Mark mark, Throwable failure) {
        current.remove();
        if (mark == null) {
            return;
        }
        try {
            mark.connection().rollback(mark.savepoint());
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
