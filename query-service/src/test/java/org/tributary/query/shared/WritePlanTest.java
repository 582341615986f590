package org.tributary.query.shared;

import org.junit.jupiter.api.Test;
import org.tributary.query.shared.WritePlan.Batch;
import org.tributary.query.shared.WritePlan.Key;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes that name their rows run in as few batches as their order per row allows. */
class WritePlanTest {

    private final WritePlan<String> plan = new WritePlan<>();

    private void add(String sql, String payload, Key... keys) {
        plan.add(sql, payload, List.of(keys));
    }

    @Test
    void oneStatementOnDifferentRowsIsOneBatchInTheOrderAdded() {
        add("update job", "1", Key.row("job", 1L));
        add("update job", "2", Key.row("job", 2L));
        add("update job", "3", Key.row("job", 3L));

        assertThat(plan.drain()).containsExactly(new Batch<>("update job", List.of("1", "2", "3")));
    }

    @Test
    void writesOfOneRowKeepTheirOrder() {
        add("insert job", "create 1", Key.row("job", 1L));
        add("update job", "start 1", Key.row("job", 1L));
        add("insert job", "create 2", Key.row("job", 2L));
        add("update job", "start 2", Key.row("job", 2L));

        assertThat(plan.drain()).containsExactly(
                new Batch<>("insert job", List.of("create 1", "create 2")),
                new Batch<>("update job", List.of("start 1", "start 2")));
    }

    @Test
    void theSameRowIdInAnotherTableIsAnotherRow() {
        add("update job", "job 1", Key.row("job", 1L));
        add("update package", "package 1", Key.row("package", 1L));
        add("update job", "job 1 again", Key.row("job", 1L));

        assertThat(plan.drain()).containsExactly(
                new Batch<>("update job", List.of("job 1")),
                new Batch<>("update package", List.of("package 1")),
                new Batch<>("update job", List.of("job 1 again")));
    }

    @Test
    void freshRowsNeverWaitForOneAnother() {
        add("insert history", "a", Key.fresh("history"));
        add("update job", "job 1", Key.row("job", 1L));
        add("update job", "job 1 again", Key.row("job", 1L));
        add("insert history", "b", Key.fresh("history"));

        assertThat(plan.drain()).containsExactly(
                new Batch<>("insert history", List.of("a", "b")),
                new Batch<>("update job", List.of("job 1")),
                new Batch<>("update job", List.of("job 1 again")));
    }

    @Test
    void aWriteNamingSeveralRowsWaitsForEachOfThem() {
        add("insert package", "package 7", Key.row("package", 7L));
        add("insert job", "job 1 taking package 7", Key.row("job", 1L), Key.row("package", 7L));
        add("update package", "package 7 deleted", Key.row("package", 7L));

        assertThat(plan.drain()).extracting(Batch::payloads).containsExactly(
                List.of("package 7"), List.of("job 1 taking package 7"), List.of("package 7 deleted"));
    }

    @Test
    void aWholeTableWriteComesAfterEveryWriteOfItsTableAndBeforeTheNext() {
        add("update job", "job 1", Key.row("job", 1L));
        add("insert job_status", "status", Key.fresh("job"));
        add("delete job", "all jobs", Key.table("job"));
        add("update job", "job 2", Key.row("job", 2L));
        add("insert job_status", "status 2", Key.fresh("job"));

        assertThat(plan.drain()).extracting(Batch::payloads).containsExactly(
                List.of("job 1"), List.of("status"), List.of("all jobs"), List.of("job 2"), List.of("status 2"));
    }

    @Test
    void aWriteNamingNoRowsIsABarrierForEveryTable() {
        add("update job", "job 1", Key.row("job", 1L));
        add("insert history", "a", Key.fresh("history"));
        add("delete project", "barrier");
        add("insert history", "b", Key.fresh("history"));
        add("update package", "package 3", Key.row("package", 3L));

        List<Batch<String>> batches = plan.drain();

        assertThat(batches).extracting(Batch::payloads).containsExactly(
                List.of("job 1"), List.of("a"), List.of("barrier"), List.of("b"), List.of("package 3"));
    }

    @Test
    void aBarrierWaitsForTheLastLayerNotJustTheFirst() {
        add("update job", "job 1", Key.row("job", 1L));
        add("update job2", "job 1 again", Key.row("job", 1L));
        add("delete all", "barrier");

        assertThat(plan.drain()).extracting(Batch::payloads).containsExactly(
                List.of("job 1"), List.of("job 1 again"), List.of("barrier"));
    }

    @Test
    void droppedWritesAreNotRun() {
        add("update job", "kept", Key.row("job", 1L));
        add("update job", "failed event", Key.row("job", 2L));

        plan.removeIf("failed event"::equals);

        assertThat(plan.drain()).containsExactly(new Batch<>("update job", List.of("kept")));
    }

    @Test
    void drainingStartsAFreshPlan() {
        add("update job", "first", Key.row("job", 1L));
        add("delete all", "barrier");
        plan.drain();

        add("update job", "second", Key.row("job", 1L));

        assertThat(plan.isEmpty()).isFalse();
        assertThat(plan.drain()).containsExactly(new Batch<>("update job", List.of("second")));
        assertThat(plan.isEmpty()).isTrue();
    }

    private void insert(String payload, long job, Key... others) {
        List<Key> keys = new java.util.ArrayList<>(List.of(Key.row("job", job)));
        keys.addAll(List.of(others));
        plan.addFoldable("insert job", payload, Key.row("job", job), keys);
    }

    @Test
    void aRowsInsertTakesItsLaterChanges() {
        insert("create 1", 1L, Key.row("package", 7L));

        assertThat(plan.foldable(Key.row("job", 1L))).isEqualTo("create 1");
        assertThat(plan.foldable(Key.row("job", 2L))).isNull();
        assertThat(plan.foldable(Key.row("package", 7L))).isNull();
    }

    @Test
    void writesOfOtherRowsLeaveAnInsertFoldable() {
        insert("create 1", 1L);
        add("update job", "start 2", Key.row("job", 2L));
        add("insert history", "h", Key.fresh("job"));

        assertThat(plan.foldable(Key.row("job", 1L))).isEqualTo("create 1");
    }

    @Test
    void anotherWriteOfTheRowEndsItsFolding() {
        insert("create 1", 1L);
        add("update job", "start 1", Key.row("job", 1L));

        assertThat(plan.foldable(Key.row("job", 1L))).isNull();
    }

    @Test
    void aWriteThatAlsoNamesTheRowEndsItsFolding() {
        insert("create 1", 1L);
        add("update package", "count 1's input", Key.row("package", 7L), Key.row("job", 1L));

        assertThat(plan.foldable(Key.row("job", 1L))).isNull();
    }

    @Test
    void aBarrierEndsEveryFolding() {
        insert("create 1", 1L);
        insert("create 2", 2L);
        add("delete all", "barrier");

        assertThat(plan.foldable(Key.row("job", 1L))).isNull();
        assertThat(plan.foldable(Key.row("job", 2L))).isNull();
    }

    @Test
    void aWholeTableWriteEndsTheFoldingOfItsRowsOnly() {
        insert("create 1", 1L);
        plan.addFoldable("insert package", "package 7", Key.row("package", 7L), List.of(Key.row("package", 7L)));
        add("truncate job", "all jobs", Key.table("job"));

        assertThat(plan.foldable(Key.row("job", 1L))).isNull();
        assertThat(plan.foldable(Key.row("package", 7L))).isEqualTo("package 7");
    }

    @Test
    void aDroppedInsertTakesNoChanges() {
        insert("create 1", 1L);

        plan.removeIf("create 1"::equals);

        assertThat(plan.foldable(Key.row("job", 1L))).isNull();
        assertThat(plan.drain()).isEmpty();
    }

    @Test
    void drainingEndsEveryFolding() {
        insert("create 1", 1L);

        assertThat(plan.drain()).containsExactly(new Batch<>("insert job", List.of("create 1")));
        assertThat(plan.foldable(Key.row("job", 1L))).isNull();
    }

    @Test
    void aFoldableWriteNamesItsRow() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> plan.addFoldable("insert job", "x",
                Key.row("job", 1L), List.of(Key.row("job", 2L)))).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> plan.addFoldable("insert history", "x",
                Key.fresh("history"), List.of(Key.fresh("history")))).isInstanceOf(IllegalArgumentException.class);
        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void everyPayloadIsVisitedInTheOrderAdded() {
        add("update job", "b", Key.row("job", 2L));
        add("update job", "a", Key.row("job", 1L));
        List<String> seen = new java.util.ArrayList<>();

        plan.forEach(seen::add);

        assertThat(seen).containsExactly("b", "a");
    }
}
