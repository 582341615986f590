package org.tributary.proxy.forward;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tributary.testsupport.TestDatabase;
import org.tributary.testsupport.TestEventStore;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The forwarder against a real event table and a sink that models a broker's confirms: a batch counts as delivered
 * only when the forwarder awaited it, and a batch sent on a channel that was abandoned is never confirmed.
 */
class EventForwarderTest {

    private static final int EVENTS = 100;
    private static final int BATCH = 10;

    private TestDatabase database;
    private TestEventStore store;
    private EventForwarder forwarder;
    private final ModelSink sink = new ModelSink();

    @BeforeEach
    void eventsInTheStore() throws SQLException {
        database = TestDatabase.create("forwarder");
        store = TestEventStore.create(database);
        Flyway.configure().dataSource(database.jdbcUrl(), database.username(), database.password())
                .schemas("proxy").defaultSchema("proxy").locations("classpath:db/proxy").load().migrate();
        try (TestEventStore.Bulk bulk = store.bulk()) {
            for (int i = 0; i < EVENTS; i++) {
                bulk.add("Project", "project-" + i, 0, Map.of("projectId", "project-" + i));
            }
        }
    }

    @AfterEach
    void stop() {
        if (forwarder != null) {
            forwarder.stop();
        }
    }

    @Test
    void aConnectionLostWithBatchesInFlightSendsThemAgainAndLosesNone() {
        // the connection dies right after the second batch went out, before it was confirmed
        sink.onSend = sent -> {
            if (sent == 2) {
                killForwardingConnection();
            }
        };
        forwarder = new EventForwarder(database::connect, sink, settings(), Clock.systemUTC());

        forwarder.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> forwarder.status().caughtUp()
                && forwarder.status().position() == EVENTS);
        assertThat(sink.deliveredIndices()).containsExactlyElementsOf(allIndices());
    }

    @Test
    void aBatchTheBrokerRefusesIsSentAgainWithoutTheConfirmedOnesBeforeIt() {
        sink.refuse = 5;
        forwarder = new EventForwarder(database::connect, sink, settings(), Clock.systemUTC());

        forwarder.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> forwarder.status().caughtUp()
                && forwarder.status().position() == EVENTS);
        assertThat(sink.refused).isEqualTo(1);
        // the four batches confirmed before the refusal were kept: none of them went out twice
        assertThat(sink.delivered).extracting(StoredEvent::globalIndex).containsExactlyElementsOf(allIndices());
    }

    @Test
    void everyEventIsDeliveredInOrderOnce() {
        forwarder = new EventForwarder(database::connect, sink, settings(), Clock.systemUTC());

        forwarder.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> forwarder.status().caughtUp()
                && forwarder.status().position() == EVENTS);
        assertThat(sink.delivered).extracting(StoredEvent::globalIndex).containsExactlyElementsOf(allIndices());
    }

    @Test
    void aSteadyFlowOfEventsStoresThePositionOnlyOnceTheForwarderIsIdle() throws SQLException {
        AtomicInteger tokenWrites = new AtomicInteger();
        forwarder = new EventForwarder(() -> countingTokenWrites(database.connect(), tokenWrites), sink,
                settings(Duration.ofSeconds(2)), Clock.systemUTC());
        forwarder.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> forwarder.status().position() == EVENTS);
        int whenCaughtUp = tokenWrites.get();

        // events one at a time, each read and confirmed on its own (the forwarder catches up after each)
        for (int i = 1; i <= 5; i++) {
            long index = store.append("Project", "later-" + i, Map.of("projectId", "later-" + i)).globalIndex();
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.deliveredIndices().contains(index));
        }
        assertThat(tokenWrites.get()).isEqualTo(whenCaughtUp);

        // a wait for a notification that found none: stored, once
        await().atMost(Duration.ofSeconds(10)).until(() -> tokenWrites.get() == whenCaughtUp + 1);
        assertThat(storedPosition()).isEqualTo(EVENTS + 5);
    }

    private static List<Long> allIndices() {
        List<Long> all = new ArrayList<>();
        for (long i = 1; i <= EVENTS; i++) {
            all.add(i);
        }
        return all;
    }

    private static ForwarderSettings settings() {
        return settings(Duration.ofMillis(200));
    }

    private static ForwarderSettings settings(Duration idlePoll) {
        // a long storeEvery: nothing is stored while catching up, so the restart sends everything again
        return new ForwarderSettings("command.domainevententry", "proxy.tokenentry", "tributary_events", BATCH,
                idlePoll, Duration.ofSeconds(10), 1_000, Duration.ofMinutes(1), Duration.ofSeconds(5),
                Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(50));
    }

    /** The connection, counting the statements it prepares that write the forwarder's token. */
    private static Connection countingTokenWrites(Connection connection, AtomicInteger writes) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && args[0].toString().contains("tokenentry")
                            && args[0].toString().startsWith("INSERT")) {
                        writes.incrementAndGet();
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private long storedPosition() throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement read = connection.prepareStatement(
                     "SELECT convert_from(token, 'UTF8')::json ->> 'index' FROM proxy.tokenentry");
             ResultSet row = read.executeQuery()) {
            assertThat(row.next()).isTrue();
            return row.getLong(1);
        }
    }

    private void killForwardingConnection() {
        try (Connection admin = database.connect();
             PreparedStatement kill = admin.prepareStatement("SELECT count(pg_terminate_backend(pid))"
                     + " FROM pg_stat_activity WHERE application_name = ? AND datname = current_database()")) {
            kill.setString(1, EventForwarder.APPLICATION_NAME);
            try (ResultSet killed = kill.executeQuery()) {
                killed.next();
                assertThat(killed.getInt(1)).isEqualTo(1);
            }
            // gone before the forwarder reads again, so that its next statement fails
            await().atMost(Duration.ofSeconds(10)).until(() -> connections(admin) == 0);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int connections(Connection admin) throws SQLException {
        try (PreparedStatement count = admin.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                + " WHERE application_name = ? AND datname = current_database()")) {
            count.setString(1, EventForwarder.APPLICATION_NAME);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /**
     * Batches sent wait in order for their confirm; {@link #awaitDelivered} confirms the oldest, {@link #abandon}
     * drops every one not yet confirmed (the channel they went out on is gone).
     */
    private static final class ModelSink implements Sink {
        final List<StoredEvent> delivered = new ArrayList<>();
        final Deque<List<StoredEvent>> unconfirmed = new ArrayDeque<>();
        int sent;
        java.util.function.IntConsumer onSend = sent -> { };
        /** The batch (counted from 1, as awaited) the broker nacks, once; 0 for none. */
        int refuse;
        int awaited;
        int refused;

        @Override
        public synchronized void send(List<StoredEvent> batch) {
            unconfirmed.add(batch);
            onSend.accept(++sent);
        }

        @Override
        public synchronized void awaitDelivered() throws NotDelivered {
            List<StoredEvent> oldest = unconfirmed.poll();
            if (++awaited == refuse) {
                refused++;
                throw new NotDelivered("nacked", null);
            }
            if (oldest != null) {
                delivered.addAll(oldest);
            }
        }

        @Override
        public synchronized void abandon() {
            unconfirmed.clear();
        }

        /** Each index delivered, once (a restart delivers some again: at least once). */
        synchronized List<Long> deliveredIndices() {
            TreeSet<Long> indices = new TreeSet<>();
            delivered.forEach(event -> indices.add(event.globalIndex()));
            return List.copyOf(indices);
        }
    }
}
