package org.tributary.query.shared;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A rebuild's writes run in order, in a transaction each, and the first failure stops everything after it. */
class WriteBehindTest {

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final WriteBehind writer = new WriteBehind(new RecordingTransactions());

    @AfterEach
    void close() {
        writer.close();
    }

    @Test
    void writesInTheOrderHandedOverEachInATransaction() throws InterruptedException {
        for (int i = 1; i <= 5; i++) {
            String name = "write " + i;
            writer.submit(() -> log.add(name));
        }

        writer.awaitWritten();

        assertThat(log).containsExactly("begin", "write 1", "commit", "begin", "write 2", "commit", "begin", "write 3",
                "commit", "begin", "write 4", "commit", "begin", "write 5", "commit");
    }

    @Test
    void awaitingWaitsForTheWriteUnderWay() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        writer.submit(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            log.add("slow write");
        });
        Thread waiter = new Thread(() -> {
            try {
                writer.awaitWritten();
                log.add("awaited");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();

        release.countDown();
        waiter.join(10_000);

        assertThat(log).containsSubsequence("slow write", "awaited");
    }

    @Test
    void aFailureIsRolledBackAndFailsEveryLaterHandOverAndTheWait() {
        writer.submit(() -> {
            throw new IllegalStateException("value too long for type character varying(255)");
        });

        assertThatThrownBy(writer::awaitWritten).hasMessageContaining("value too long");
        assertThatThrownBy(() -> writer.submit(() -> log.add("after the failure")))
                .hasMessageContaining("value too long");
        assertThat(log).containsExactly("begin", "rollback").doesNotContain("after the failure");
    }

    /** Records begin, commit and rollback in the log. */
    private final class RecordingTransactions extends AbstractPlatformTransactionManager {
        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
            log.add("begin");
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            log.add("commit");
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            log.add("rollback");
        }
    }
}
