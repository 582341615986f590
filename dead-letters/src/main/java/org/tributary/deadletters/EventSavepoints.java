package org.tributary.deadletters;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Makes each event of a batch all-or-nothing inside the batch's transaction, so that one the handlers cannot take
 * can be set aside alone while the rest of the batch is written and committed with the token.
 * <p>
 * Two things are undone when a handler of the event fails: its database writes, rolled back to a savepoint taken
 * before the event's first handler ran (without it, one failed statement aborts the whole PostgreSQL transaction);
 * and what it did through Axon, because each handler takes the event in a unit of work of its own nested in the
 * batch's: the commands it sent (their events are staged there and dropped with it; the aggregates they changed
 * leave the batch and the cache) roll back with it. Only the handlers of the named processing groups are wrapped;
 * an aggregate's sourcing handlers and other processors are left alone. (With two handler classes in a group that
 * both send commands, the first one's commands would stand when the second fails; routing has one.)
 * <p>
 * Handlers that send no commands need no unit of work of their own ({@link #sendingNoCommands}): Axon's unit of work
 * and its phases around each handler call were ≈ 13 % of a read-model rebuild's processor thread
 * (bench/replay/README.md). What such handlers keep outside the database until the commit is undone by a callback
 * told of each event that failed.
 */
public class EventSavepoints implements HandlerEnhancerDefinition {

    private final DataSource dataSource;
    private final Set<String> groups;
    private final boolean onFirstWrite;
    /** Null: each handler call runs in a unit of work nested in the batch's, undone when it fails. */
    private final Consumer<Message<?>> undo;
    private final ThreadLocal<Mark> current = new ThreadLocal<>();

    /** An event's place in the transaction: its savepoint, once taken. */
    private static final class Mark {
        final String eventId;
        final Connection connection;
        Savepoint savepoint;

        Mark(String eventId, Connection connection) {
            this.eventId = eventId;
            this.connection = connection;
        }
    }

    /** A savepoint before each event's first handler runs. */
    public EventSavepoints(DataSource dataSource, Set<String> groups) {
        this(dataSource, groups, false, null);
    }

    private EventSavepoints(DataSource dataSource, Set<String> groups, boolean onFirstWrite,
                            Consumer<Message<?>> undo) {
        this.dataSource = dataSource;
        this.groups = Set.copyOf(groups);
        this.onFirstWrite = onFirstWrite;
        this.undo = undo;
    }

    /**
     * A savepoint only for an event whose handlers write to the database as they run, taken when they first ask
     * for it ({@link #beforeWrite}): for processors whose handlers mostly leave their rows to be written when the
     * batch commits (a round trip saved per event). A handler that writes without asking is not undone.
     */
    public static EventSavepoints onFirstWrite(DataSource dataSource, Set<String> groups) {
        return new EventSavepoints(dataSource, groups, true, null);
    }

    /**
     * The same savepoints, for handlers that send no commands: no unit of work is nested around each handler call,
     * and {@code undo} is told of each event a handler failed on (after its savepoint was rolled back), to drop
     * what the event's handlers kept for the commit.
     */
    public EventSavepoints sendingNoCommands(Consumer<Message<?>> undo) {
        return new EventSavepoints(dataSource, groups, onFirstWrite, Objects.requireNonNull(undo, "undo"));
    }

    /** Called before a handler's own database write: the event's savepoint is taken now if it was not yet. */
    public void beforeWrite() throws SQLException {
        Mark mark = current.get();
        if (mark != null && mark.savepoint == null
                && mark.connection == DataSourceUtils.getConnection(dataSource)) {
            mark.savepoint = mark.connection.setSavepoint();
        }
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class) || !inGroups(original.declaringClass())) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                Mark mark = mark(message);
                UnitOfWork<?> unit = undo == null && CurrentUnitOfWork.isStarted()
                        ? DefaultUnitOfWork.startAndGet(message) : null;
                Object result;
                try {
                    result = super.handle(message, target);
                } catch (Exception | Error e) {
                    rollBack(unit, mark, e);
                    undo(message, e);
                    throw e;
                }
                if (unit != null) {
                    unit.commit();
                }
                return result;
            }
        };
    }

    private boolean inGroups(Class<?> handler) {
        ProcessingGroup group = handler.getAnnotation(ProcessingGroup.class);
        return group != null && groups.contains(group.value());
    }

    /** The savepoint of this event: made before its first handler runs, shared by the others. */
    private Mark mark(Message<?> message) throws SQLException {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Mark mark = current.get();
        if (mark == null || !mark.eventId.equals(message.getIdentifier()) || mark.connection != connection) {
            mark = new Mark(message.getIdentifier(), connection);
            if (!onFirstWrite) {
                mark.savepoint = connection.setSavepoint();
            }
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

    private void undo(Message<?> message, Throwable failure) {
        if (undo == null) {
            return;
        }
        try {
            undo.accept(message);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private void rollBack(UnitOfWork<?> unit, Mark mark, Throwable failure) {
        current.remove();
        try {
            if (unit != null && unit.isActive()) {
                unit.rollback(failure);
            }
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
        if (mark == null || mark.savepoint == null) {
            return;
        }
        try {
            mark.connection.rollback(mark.savepoint);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
