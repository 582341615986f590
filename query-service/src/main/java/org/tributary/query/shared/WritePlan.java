package org.tributary.query.shared;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The order in which a transaction's read-model writes may run when each one says which rows it touches: as few
 * batches as the writes' dependencies allow, each batch one statement with many parameter sets. Pure: no I/O.
 * <p>
 * A write is placed in the first <em>layer</em> after every earlier write it depends on; within a layer the writes of
 * one statement form a batch, in the order they were added. Two writes depend on each other when they name the same
 * row of a table, or one names a whole table the other touches, or either names {@link #EVERYTHING} (a write that
 * names no keys is such a barrier). A {@linkplain Key#fresh fresh} row is one no other write of the transaction
 * names (a new history entry): it waits only for writes of its whole table. Running the layers in order, batch by
 * batch, gives every row the same writes in the same order as running the writes one by one.
 * <p>
 * A write added as {@linkplain #addFoldable foldable} (a row's insert) can take later changes of its row instead of
 * their own writes ({@link #foldable}), as long as nothing else touched the row since: no other write naming it, no
 * write of its whole table, no barrier. The row then gets the same values in one write instead of several.
 *
 * @param <T> what a write carries besides its statement (its parameters)
 */
public final class WritePlan<T> {

    /** What a write touches: a row of a table, a new row no other write names, or a whole table. */
    public record Key(String table, Object row, boolean fresh) {

        public static Key row(String table, Object row) {
            return new Key(table, java.util.Objects.requireNonNull(row, "row"), false);
        }

        public static Key fresh(String table) {
            return new Key(table, null, true);
        }

        public static Key table(String table) {
            return new Key(table, null, false);
        }

        boolean wholeTable() {
            return row == null && !fresh;
        }
    }

    /** Depends on every write before it; every write after it depends on it. */
    public static final List<Key> EVERYTHING = List.of();

    /** A batch to run: one statement, its writes' payloads in order. */
    public record Batch<T>(String sql, List<T> payloads) {
    }

    private record Write<T>(int layer, String sql, T payload) {
    }

    /** Per table: the last layer that wrote each row, the last whole-table write, the last write of any kind. */
    private static final class TableLayers {
        final Map<Object, Integer> rows = new HashMap<>();
        int whole;
        int any;
    }

    private final List<Write<T>> writes = new ArrayList<>();
    private final Map<String, TableLayers> tables = new HashMap<>();
    /** The writes changes may still be folded into, by the row each inserts. */
    private final Map<Key, T> foldable = new HashMap<>();
    /** The layer of the last barrier: everything after it comes later. */
    private int barrier;
    /** The highest layer any write took. */
    private int top;

    /** Adds a write after those added before; {@link #EVERYTHING} (no keys) makes it a barrier. */
    public void add(String sql, T payload, Collection<Key> keys) {
        int layer;
        if (keys.isEmpty()) {
            layer = top + 1;
            barrier = layer;
            foldable.clear();
        } else {
            int after = barrier;
            for (Key key : keys) {
                TableLayers table = tables.get(key.table());
                if (table == null) {
                    continue;
                }
                if (key.wholeTable()) {
                    after = Math.max(after, table.any);
                } else if (key.fresh()) {
                    after = Math.max(after, table.whole);
                } else {
                    after = Math.max(after, Math.max(table.whole, table.rows.getOrDefault(key.row(), 0)));
                }
            }
            layer = after + 1;
            for (Key key : keys) {
                if (key.wholeTable()) {
                    foldable.keySet().removeIf(row -> row.table().equals(key.table()));
                } else {
                    foldable.remove(key);
                }
                TableLayers table = tables.computeIfAbsent(key.table(), name -> new TableLayers());
                if (key.wholeTable()) {
                    table.whole = Math.max(table.whole, layer);
                } else if (!key.fresh()) {
                    table.rows.merge(key.row(), layer, Math::max);
                }
                table.any = Math.max(table.any, layer);
            }
        }
        top = Math.max(top, layer);
        writes.add(new Write<>(layer, sql, payload));
    }

    /**
     * Adds a write of the row {@code row} names (one of {@code keys}) that later changes of that row may be folded
     * into, until another write touches the row.
     */
    public void addFoldable(String sql, T payload, Key row, Collection<Key> keys) {
        if (row.fresh() || row.wholeTable() || !keys.contains(row)) {
            throw new IllegalArgumentException("a foldable write names its row among its keys: " + row);
        }
        add(sql, payload, keys);
        foldable.put(row, payload);
    }

    /**
     * The payload of the foldable write of {@code row} if nothing touched the row since it was added (a change of
     * the row may then be folded into it instead of being added); null otherwise.
     */
    public T foldable(Key row) {
        return foldable.get(row);
    }

    /** Forgets the writes whose payload matches (those of an event whose handling failed). */
    public void removeIf(Predicate<T> dropped) {
        writes.removeIf(write -> dropped.test(write.payload()));
        foldable.values().removeIf(dropped);
    }

    /** Every write's payload, in the order they were added. */
    public void forEach(java.util.function.Consumer<T> action) {
        writes.forEach(write -> action.accept(write.payload()));
    }

    public boolean isEmpty() {
        return writes.isEmpty();
    }

    /** The batches to run, in order, and an empty plan for the writes that come next. */
    public List<Batch<T>> drain() {
        int[] sizes = new int[top + 1];
        writes.forEach(write -> sizes[write.layer()]++);
        List<List<Write<T>>> byLayer = new ArrayList<>(top + 1);
        for (int size : sizes) {
            byLayer.add(new ArrayList<>(size));
        }
        writes.forEach(write -> byLayer.get(write.layer()).add(write));
        List<Batch<T>> batches = new ArrayList<>();
        for (List<Write<T>> layer : byLayer) {
            Map<String, List<T>> bySql = new LinkedHashMap<>();
            layer.forEach(write -> bySql.computeIfAbsent(write.sql(), sql -> new ArrayList<>()).add(write.payload()));
            bySql.forEach((sql, payloads) -> batches.add(new Batch<>(sql, payloads)));
        }
        writes.clear();
        tables.clear();
        foldable.clear();
        barrier = 0;
        top = 0;
        return batches;
    }
}
