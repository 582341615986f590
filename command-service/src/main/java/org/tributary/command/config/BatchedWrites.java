package org.tributary.command.config;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.tributary.deadletters.EventSavepoints;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routing processor's database writes. On the hot path each package costs routing a few one-row inserts
 * (the package at its node, the job it made, the job's dispatch); on a busy machine each round trip costs more than
 * the work, so inside a transaction those inserts wait and go together, one batch per statement, before the next
 * read ({@link #read}), the next other write ({@link #update}) or the commit, whichever comes first.
 * <p>
 * Only inserts that cannot conflict with anything else in the batch are kept back ({@link #insert}: new rows,
 * {@code ON CONFLICT DO NOTHING}), so reordering them among themselves changes nothing, and everything written
 * before a read or an update is in the database by then. The rows of an event whose handling fails are dropped
 * with its unit of work; an update first takes the event's savepoint ({@link EventSavepoints#onFirstWrite}), so
 * that it is undone with a failed event, as before.
 */
@Component
public class BatchedWrites {

    private final JdbcTemplate jdbc;
    private final ObjectProvider<EventSavepoints> savepoints;
    /** Marks a unit of work whose rollback already drops its rows (a resource of the unit of work). */
    private final String unitKey = BatchedWrites.class.getName() + "@" + System.identityHashCode(this);

    public BatchedWrites(JdbcTemplate jdbc, ObjectProvider<EventSavepoints> savepoints) {
        this.jdbc = jdbc;
        this.savepoints = savepoints;
    }

    /** A row kept back, and the unit of work (an event's handling) it belongs to. */
    private record Row(String sql, Object[] args, UnitOfWork<?> owner) {
    }

    /** The rows kept back in this transaction, in order. */
    private static final class Pending {
        final List<Row> rows = new ArrayList<>();
    }

    /** A new row, written with this transaction's others before anything reads or changes rows after it. */
    public void insert(String sql, Object... args) {
        Pending pending = pending();
        if (pending == null) {
            jdbc.update(sql, args);
            return;
        }
        UnitOfWork<?> owner = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get() : null;
        if (owner != null && owner.resources().putIfAbsent(unitKey, Boolean.TRUE) == null) {
            owner.onRollback(failed -> pending.rows.removeIf(row -> row.owner() == failed));
        }
        pending.rows.add(new Row(sql, args, owner));
    }

    /** New rows, each as {@link #insert}. */
    public void insertAll(String sql, List<Object[]> rows) {
        rows.forEach(args -> insert(sql, args));
    }

    /** Any other write: after the rows kept back, under the event's savepoint. */
    public int update(String sql, Object... args) {
        flush();
        EventSavepoints events = savepoints.getIfAvailable();
        if (events != null) {
            try {
                events.beforeWrite();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot take the event's savepoint", e);
            }
        }
        return jdbc.update(sql, args);
    }

    /** The database to read from, with every row kept back written to it first. */
    public JdbcTemplate read() {
        flush();
        return jdbc;
    }

    /** Writes the rows kept back: one batch per statement, in the order statements first appeared. */
    public void flush() {
        Pending pending = TransactionSynchronizationManager.isSynchronizationActive()
                ? (Pending) TransactionSynchronizationManager.getResource(this) : null;
        if (pending == null || pending.rows.isEmpty()) {
            return;
        }
        Map<String, List<Object[]>> bySql = new LinkedHashMap<>();
        for (Row row : pending.rows) {
            bySql.computeIfAbsent(row.sql(), sql -> new ArrayList<>()).add(row.args());
        }
        pending.rows.clear();
        bySql.forEach(jdbc::batchUpdate);
    }

    /** This transaction's rows kept back; null outside a transaction (then rows are written at once). */
    private Pending pending() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            Pending fresh = new Pending();
            TransactionSynchronizationManager.bindResource(this, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    // not flush(): that name is the synchronization's own (a no-op)
                    BatchedWrites.this.flush();
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(BatchedWrites.this);
                }
            });
            pending = fresh;
        }
        return pending;
    }
}
