package org.tributary.query.shared;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tributary.testsupport.TestDatabase;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deferred writes (a rebuild's) reach PostgreSQL after the commit with the values written one by one would leave:
 * a row's later changes folded into its insert, and nothing of an event whose handling failed.
 */
class ReadModelWritesTest {

    static final TestDatabase DB = TestDatabase.create("query_writes");
    static final String INSERT = "INSERT INTO item (id, status, note) VALUES (:id, :status, :note)";
    static final String SET_STATUS = "UPDATE item SET status = :status WHERE id = :id";

    private NamedParameterJdbcTemplate jdbc;
    private TransactionTemplate transactions;
    private ReadModelWrites writes;

    @BeforeEach
    void table() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(DB.jdbcUrl(), DB.username(), DB.password());
        jdbc = new NamedParameterJdbcTemplate(dataSource);
        DataSourceTransactionManager manager = new DataSourceTransactionManager(dataSource);
        transactions = new TransactionTemplate(manager);
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("transactions", manager));
        writes = new ReadModelWrites(jdbc, true, beans.getBeanProvider(PlatformTransactionManager.class));
        jdbc.getJdbcTemplate().execute("DROP TABLE IF EXISTS item");
        jdbc.getJdbcTemplate().execute("CREATE TABLE item (id bigint PRIMARY KEY, status text, note text)");
    }

    @AfterEach
    void close() {
        writes.close();
    }

    /** Handles one event: {@code handling} runs in its unit of work, as a processor's handler would. */
    private void event(String name, Consumer<Message<?>> handling) {
        Message<?> event = GenericEventMessage.asEventMessage(name);
        DefaultUnitOfWork.startAndGet(event).execute(() -> handling.accept(event));
    }

    private void insert(long id, String status) {
        writes.insert(INSERT, new MapSqlParameterSource("id", id).addValue("status", status).addValue("note", null),
                WritePlan.Key.row("item", id));
    }

    private void setStatus(long id, String status) {
        MapSqlParameterSource params = new MapSqlParameterSource("id", id).addValue("status", status);
        writes.update(SET_STATUS, params, row -> row.addValue("status", status), WritePlan.Key.row("item", id));
    }

    private List<String> items() throws InterruptedException {
        writes.awaitWritten();
        return jdbc.getJdbcTemplate().queryForList("SELECT id || ' ' || status || ' ' || coalesce(note, '-')"
                + " FROM item ORDER BY id", String.class);
    }

    @Test
    void nothingIsWrittenBeforeTheCommit() throws InterruptedException {
        transactions.executeWithoutResult(tx -> {
            event("created", e -> insert(1, "new"));
            assertThat(jdbc.getJdbcTemplate().queryForObject("SELECT count(*) FROM item", Long.class)).isZero();
        });

        assertThat(items()).containsExactly("1 new -");
    }

    @Test
    void aRowsChangesAreFoldedIntoItsInsertInOrder() throws InterruptedException {
        transactions.executeWithoutResult(tx -> {
            event("created", e -> insert(1, "new"));
            event("started", e -> setStatus(1, "running"));
            event("ended", e -> setStatus(1, "done"));
        });

        assertThat(items()).containsExactly("1 done -");
    }

    @Test
    void aRowInsertedInAnEarlierTransactionIsUpdated() throws InterruptedException {
        transactions.executeWithoutResult(tx -> event("created", e -> insert(1, "new")));
        transactions.executeWithoutResult(tx -> event("ended", e -> setStatus(1, "done")));

        assertThat(items()).containsExactly("1 done -");
    }

    @Test
    void aFailedEventLeavesNoChangeFoldedIntoAnotherEventsInsert() throws InterruptedException {
        transactions.executeWithoutResult(tx -> {
            event("created", e -> insert(1, "new"));
            event("failed", e -> {
                setStatus(1, "broken");
                writes.undo(e);
            });
            event("noted", e -> writes.update("UPDATE item SET note = :note WHERE id = :id",
                    new MapSqlParameterSource("id", 1L).addValue("note", "later"), row -> row.addValue("note", "later"),
                    WritePlan.Key.row("item", 1L)));
        });

        assertThat(items()).containsExactly("1 new later");
    }

    @Test
    void aFailedEventLeavesNoneOfItsWrites() throws InterruptedException {
        transactions.executeWithoutResult(tx -> {
            event("created 1", e -> insert(1, "new"));
            event("created 2 and failed", e -> {
                insert(2, "new");
                writes.update("UPDATE item SET note = 'touched' WHERE id = 1", new MapSqlParameterSource(),
                        WritePlan.Key.row("item", 1L));
                writes.undo(e);
            });
        });

        assertThat(items()).containsExactly("1 new -");
    }

    @Test
    void aChangeAfterAnotherWriteOfTheRowIsWrittenAfterIt() throws InterruptedException {
        transactions.executeWithoutResult(tx -> {
            event("created", e -> insert(1, "new"));
            event("noted", e -> writes.update("UPDATE item SET note = status WHERE id = :id",
                    new MapSqlParameterSource("id", 1L), WritePlan.Key.row("item", 1L)));
            event("ended", e -> setStatus(1, "done"));
        });

        assertThat(items()).containsExactly("1 done new");
    }

    @Test
    void aTextPostgreSqlCannotStoreFailsTheHandlingAtOnce() throws InterruptedException {
        transactions.executeWithoutResult(tx -> {
            event("created", e -> insert(1, "new"));
            event("poisoned", e -> {
                try {
                    setStatus(1, "nul\u0000");
                    throw new AssertionError("NUL was accepted");
                } catch (IllegalArgumentException refused) {
                    writes.undo(e);
                }
            });
        });

        assertThat(items()).containsExactly("1 new -");
    }
}
