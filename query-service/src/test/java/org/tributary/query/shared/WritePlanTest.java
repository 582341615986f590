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
}
