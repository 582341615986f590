package org.tributary.command;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tributary.command.config.BatchedWrites;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Routing's rows kept back in a transaction: written by its commit, visible to every read and write after them in
 * the same transaction, and dropped with the unit of work (an event's handling) that made them when it fails.
 */
class BatchedWritesTest extends CommandServiceTestBase {

    static final String INSERT = "INSERT INTO node_package (package_id, project_id, node_id, layer_id, label) "
            + "VALUES (?, ?, 1, 1, ?) ON CONFLICT DO NOTHING";

    @Autowired
    BatchedWrites writes;
    @Autowired
    PlatformTransactionManager transactions;

    long project;

    @BeforeEach
    void aProjectOfItsOwn() {
        // no such project exists: the rows are this test's alone
        project = -ThreadLocalRandom.current().nextLong(1, 1_000_000_000_000L);
    }

    /** A package id no other test uses. */
    long id(int n) {
        return project * 100 - n;
    }

    List<String> labels() {
        return jdbc.queryForList("SELECT label FROM node_package WHERE project_id = ? ORDER BY package_id DESC",
                String.class, project);
    }

    void inTransaction(Runnable work) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> work.run());
    }

    @Test
    void rowsKeptBackAreWrittenByTheCommit() {
        inTransaction(() -> {
            writes.insert(INSERT, id(1), project, "a");
            writes.insert(INSERT, id(2), project, "b");
            assertThat(labels()).as("not yet written, as seen from another connection").isEmpty();
        });
        assertThat(labels()).containsExactly("a", "b");
    }

    @Test
    void aReadInTheTransactionSeesTheRowsKeptBack() {
        inTransaction(() -> {
            writes.insert(INSERT, id(1), project, "a");
            assertThat(writes.read().queryForList("SELECT label FROM node_package WHERE project_id = ?",
                    String.class, project)).containsExactly("a");
        });
    }

    @Test
    void anUpdateComesAfterTheRowsKeptBackBeforeIt() {
        inTransaction(() -> {
            writes.insert(INSERT, id(1), project, "a");
            writes.update("UPDATE node_package SET label = 'changed' WHERE project_id = ?", project);
        });
        assertThat(labels()).containsExactly("changed");
    }

    @Test
    void theRowsOfAFailedUnitOfWorkAreDroppedAndTheOthersWritten() {
        inTransaction(() -> {
            UnitOfWork<?> kept = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("kept"));
            writes.insert(INSERT, id(1), project, "kept");
            kept.commit();
            UnitOfWork<?> failed = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("failed"));
            writes.insert(INSERT, id(2), project, "dropped");
            failed.rollback(new IllegalStateException("refused"));
        });
        assertThat(labels()).containsExactly("kept");
    }

    @Test
    void aRolledBackTransactionWritesNothing() {
        assertThatThrownBy(() -> inTransaction(() -> {
            writes.insert(INSERT, id(1), project, "a");
            throw new IllegalStateException("the batch failed");
        })).hasMessage("the batch failed");
        assertThat(labels()).isEmpty();
        inTransaction(() -> writes.insert(INSERT, id(2), project, "next"));
        assertThat(labels()).as("nothing of the failed transaction lingers").containsExactly("next");
    }

    @Test
    void outsideATransactionARowIsWrittenAtOnce() {
        writes.insert(INSERT, id(1), project, "a");
        assertThat(labels()).containsExactly("a");
    }
}
