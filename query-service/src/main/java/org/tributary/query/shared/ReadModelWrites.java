package org.tributary.query.shared;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every write the projections make. Written at once, one statement per call, unless {@code deferred}: then, inside
 * the processor's transaction, the writes wait until it commits, and are then written ordered by the rows they name
 * ({@link WritePlan}: a batch per statement and layer instead of a round trip per row), in a transaction of their own
 * on a thread of their own ({@link WriteBehind}) while the processor goes on. Projections never read in a handler,
 * so nothing needs a write before the commit.
 * <p>
 * Deferred is for a rebuild (docs/decisions/0021): the whole read model is written from the first event in big
 * transactions, and a failure there fails the rebuild, leaving the live read model as it was. The live processor
 * writes at once, so that one event the read model cannot take is set aside alone (its savepoint) while the rest
 * of its batch commits. A handler that fails drops the writes it had deferred with its unit of work.
 */
@Component
public class ReadModelWrites {

    /** The setting that defers writes; the rebuild's own instance of this service sets it. */
    public static final String DEFERRED = "tributary.projections.deferred-writes";

    private final NamedParameterJdbcTemplate jdbc;
    private final boolean deferred;
    private final Map<String, ParsedSql> parsed = new ConcurrentHashMap<>();
    private final Map<String, String> expanded = new ConcurrentHashMap<>();
    /** Marks a unit of work whose rollback already drops its writes. */
    private final String unitKey = ReadModelWrites.class.getName() + "@" + System.identityHashCode(this);

    private final ObjectProvider<PlatformTransactionManager> transactions;
    private WriteBehind writeBehind;

    public ReadModelWrites(NamedParameterJdbcTemplate jdbc, @Value("${" + DEFERRED + ":false}") boolean deferred,
                           ObjectProvider<PlatformTransactionManager> transactions) {
        this.jdbc = jdbc;
        this.deferred = deferred;
        this.transactions = transactions;
    }

    /**
     * Returns once every deferred write handed over has reached the database (at once when writes are not
     * deferred); throws if any failed.
     */
    public void awaitWritten() throws InterruptedException {
        WriteBehind writer;
        synchronized (this) {
            writer = writeBehind;
        }
        if (writer != null) {
            writer.awaitWritten();
        }
    }

    @PreDestroy
    synchronized void close() {
        if (writeBehind != null) {
            writeBehind.close();
        }
    }

    /** A write's JDBC parameters and the unit of work (an event's handling) it belongs to. */
    private record Payload(Object[] args, UnitOfWork<?> owner) {
    }

    /**
     * A write touching the rows {@code keys} name; none make it a barrier, ordered after and before every other.
     * Deferred, it reports 1 row.
     */
    public int update(String sql, SqlParameterSource params, WritePlan.Key... keys) {
        WritePlan<Payload> plan = plan();
        if (plan == null) {
            return jdbc.update(sql, params);
        }
        ParsedSql statement = parsed.computeIfAbsent(sql, NamedParameterUtils::parseSqlStatement);
        Object[] values = NamedParameterUtils.buildValueArray(statement, params, null);
        Object[] args = flatten(values);
        // one String per statement (its hash computed once), unless a list parameter changes it per call
        String expanded = args == values
                ? this.expanded.computeIfAbsent(sql, same -> NamedParameterUtils.substituteNamedParameters(statement, params))
                : NamedParameterUtils.substituteNamedParameters(statement, params);
        // what PostgreSQL would refuse when the batch is written fails this event's handling now instead, so that
        // the event is set aside alone, as the live processor's savepoint does, rather than failing the rebuild
        for (Object arg : args) {
            Object value = arg instanceof SqlParameterValue typed ? typed.getValue() : arg;
            if (value instanceof String text && !Storable.text(text)) {
                throw new IllegalArgumentException("PostgreSQL cannot store NUL (U+0000) in text or jsonb: "
                        + expanded.lines().findFirst().orElse(expanded));
            }
        }
        UnitOfWork<?> owner = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get() : null;
        if (owner != null && owner.resources().putIfAbsent(unitKey, Boolean.TRUE) == null) {
            owner.onRollback(failed -> plan.removeIf(payload -> payload.owner() == failed));
        }
        plan.add(expanded, new Payload(args, owner), keys.length == 0 ? WritePlan.EVERYTHING : List.of(keys));
        return 1;
    }

    /** Several writes of one statement, each touching the rows {@code keys} name. */
    public void updateAll(String sql, Collection<? extends SqlParameterSource> rows, WritePlan.Key... keys) {
        if (plan() == null) {
            jdbc.batchUpdate(sql, rows.toArray(SqlParameterSource[]::new));
            return;
        }
        rows.forEach(row -> update(sql, row, keys));
    }

    /** A collection parameter ({@code IN (:ids)}) is one placeholder per element, as the expanded statement has. */
    private static Object[] flatten(Object[] values) {
        boolean any = false;
        for (Object value : values) {
            any |= isCollection(value);
        }
        if (!any) {
            return values;
        }
        List<Object> flat = new ArrayList<>();
        for (Object value : values) {
            Object inner = value instanceof SqlParameterValue typed ? typed.getValue() : value;
            if (inner instanceof Collection<?> many) {
                flat.addAll(many);
            } else {
                flat.add(value);
            }
        }
        return flat.toArray();
    }

    private static boolean isCollection(Object value) {
        return value instanceof Collection<?> || value instanceof SqlParameterValue typed
                && typed.getValue() instanceof Collection<?>;
    }

    /** This transaction's deferred writes; null when writes go at once. */
    private WritePlan<Payload> plan() {
        if (!deferred || !TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        WritePlan<Payload> plan = (WritePlan<Payload>) TransactionSynchronizationManager.getResource(this);
        if (plan == null) {
            WritePlan<Payload> fresh = new WritePlan<>();
            TransactionSynchronizationManager.bindResource(this, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    List<WritePlan.Batch<Payload>> batches = fresh.drain();
                    if (!batches.isEmpty()) {
                        // written after this transaction, on the writer's, while the next events are handled
                        writer().submit(() -> write(batches));
                    }
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(ReadModelWrites.this);
                }
            });
            plan = fresh;
        }
        return plan;
    }

    private synchronized WriteBehind writer() {
        if (writeBehind == null) {
            writeBehind = new WriteBehind(transactions.getObject());
        }
        return writeBehind;
    }

    private void write(List<WritePlan.Batch<Payload>> batches) {
        for (WritePlan.Batch<Payload> batch : batches) {
            if (batch.payloads().size() == 1) {
                jdbc.getJdbcTemplate().update(batch.sql(), batch.payloads().get(0).args());
            } else {
                jdbc.getJdbcTemplate().batchUpdate(batch.sql(),
                        batch.payloads().stream().map(Payload::args).toList());
            }
        }
    }
}
