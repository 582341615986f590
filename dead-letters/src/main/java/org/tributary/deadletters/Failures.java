package org.tributary.deadletters;

import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells a failure that another try may cure (the database went away, a deadlock, a serialization conflict) from
 * one that the same event will meet every time (data PostgreSQL cannot store, a broken invariant, a bug). An
 * aggregate changed meanwhile by someone else, or locked by them, is of the first kind. Only the
 * second kind sets an event aside; the first is retried where it happened, so nothing is set aside for an outage.
 */
public final class Failures {

    /** SQLSTATE classes of conditions that pass: connection, transaction rollback, resources, operator, system. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57", "58", "HY");

    private Failures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException || t instanceof CannotGetJdbcConnectionException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof ConcurrencyException || t instanceof LockAcquisitionFailedException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2
                    && TRANSIENT_CLASSES.contains(sql.getSQLState().substring(0, 2))) {
                return true;
            }
        }
        return false;
    }
}
