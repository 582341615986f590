package org.tributary.query.shared;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.Message;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

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
 * of its batch commits. An event whose handling fails drops every write its handlers had deferred ({@link #undo}).
 */
@Component
public class ReadModelWrites {

    /** The setting that defers writes; the rebuild's own instance of this service sets it. */
    public static final String DEFERRED = "tributary.projections.deferred-writes";

    private final NamedParameterJdbcTemplate jdbc;
    private final boolean deferred;
    private final Map<String, ParsedSql> parsed = new ConcurrentHashMap<>();
    private final Map<String, String> expanded = new ConcurrentHashMap<>();

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

    /**
     * A write's parameters and the identifier of the event whose handling made it (null: none). An insert whose
     * row later writes were folded into keeps its parameters open until it is written.
     */
    private static final class Payload {
        final String event;
        private Object[] args;
        private final ParsedSql statement;
        private final MapSqlParameterSource params;
        private final List<Fold> folds = new ArrayList<>(0);

        Payload(String event, Object[] args) {
            this(event, args, null, null);
        }

        Payload(String event, Object[] args, ParsedSql statement, MapSqlParameterSource params) {
            this.event = event;
            this.args = args;
            this.statement = statement;
            this.params = params;
        }

        /** The JDBC parameters, the folded changes applied in the order they came. */
        Object[] args() {
            if (!folds.isEmpty()) {
                folds.forEach(fold -> fold.change().accept(params));
                folds.clear();
                args = flatten(NamedParameterUtils.buildValueArray(statement, params, null));
            }
            return args;
        }
    }

    /** A change of an inserted row's parameters, made by an event's handling. */
    private record Fold(String event, Consumer<MapSqlParameterSource> change) {
    }

    /** A statement ready for a batch: as the driver sees it, and its parameters. */
    private record Prepared(String sql, ParsedSql statement, Object[] args) {
    }

    /**
     * Drops the writes deferred for {@code event}, whose handling failed (the processor sets it aside): none of its
     * handlers' writes reach the read model, as the live processor's savepoint undoes them.
     */
    public void undo(Message<?> event) {
        WritePlan<Payload> plan = plan();
        if (plan != null) {
            String id = event.getIdentifier();
            plan.removeIf(payload -> id.equals(payload.event));
            plan.forEach(payload -> payload.folds.removeIf(fold -> id.equals(fold.event())));
        }
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
        Prepared write = prepare(sql, params);
        plan.add(write.sql(), new Payload(event(), write.args()),
                keys.length == 0 ? WritePlan.EVERYTHING : List.of(keys));
        return 1;
    }

    /**
     * The insert of the row {@code row} names (touching the rows {@code others} name too); deferred, the later
     * changes of that row in the same transaction are folded into it ({@link #update(String, SqlParameterSource,
     * Consumer, WritePlan.Key)}) until another write touches the row. The insert must then succeed (a rebuild
     * inserts into an empty read model).
     */
    public int insert(String sql, MapSqlParameterSource params, WritePlan.Key row, WritePlan.Key... others) {
        WritePlan<Payload> plan = plan();
        if (plan == null) {
            return jdbc.update(sql, params);
        }
        Prepared write = prepare(sql, params);
        List<WritePlan.Key> keys = new ArrayList<>(others.length + 1);
        keys.add(row);
        keys.addAll(List.of(others));
        plan.addFoldable(write.sql(), new Payload(event(), write.args(), write.statement(), params), row, keys);
        return 1;
    }

    /**
     * An update of the one row {@code row} names. Deferred, when the row's insert is still open in this transaction
     * ({@link #insert}), {@code fold} makes the same change to the insert's parameters instead: it must leave the
     * row as {@code sql} would.
     */
    public int update(String sql, SqlParameterSource params, Consumer<MapSqlParameterSource> fold,
                      WritePlan.Key row) {
        WritePlan<Payload> plan = plan();
        if (plan == null) {
            return jdbc.update(sql, params);
        }
        Prepared write = prepare(sql, params);
        Payload insert = plan.foldable(row);
        if (insert != null) {
            insert.folds.add(new Fold(event(), fold));
        } else {
            plan.add(write.sql(), new Payload(event(), write.args()), List.of(row));
        }
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

    private Prepared prepare(String sql, SqlParameterSource params) {
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
            if (value(arg) instanceof String text && !Storable.text(text)) {
                throw new IllegalArgumentException("PostgreSQL cannot store NUL (U+0000) in text or jsonb: "
                        + expanded.lines().findFirst().orElse(expanded));
            }
        }
        return new Prepared(expanded, statement, args);
    }

    /** The event being handled, if any. */
    private static String event() {
        return CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().getMessage().getIdentifier() : null;
    }

    /** A parameter's value, unwrapped from its SQL type if it has one. */
    private static Object value(Object parameter) {
        return parameter instanceof SqlParameterValue typed ? typed.getValue() : parameter;
    }

    /**
     * A collection parameter ({@code IN (:ids)}) is one placeholder per element, as the expanded statement has;
     * {@code values} itself when none is.
     */
    private static Object[] flatten(Object[] values) {
        List<Object> flat = null;
        for (int i = 0; i < values.length; i++) {
            if (value(values[i]) instanceof Collection<?> many) {
                if (flat == null) {
                    flat = new ArrayList<>(Arrays.asList(values).subList(0, i));
                }
                flat.addAll(many);
            } else if (flat != null) {
                flat.add(values[i]);
            }
        }
        return flat == null ? values : flat.toArray();
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
