package org.tributary.proxy.forward;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

/**
 * Reads command-service's event table in order of its global index, gap-aware ({@link Position}), and hands each
 * batch to the {@link Sink}; the position moves, in the proxy's token row, only after the sink took the whole batch.
 * One thread and one database connection, which holds a PostgreSQL advisory lock for as long as this proxy is the
 * one forwarding (a second proxy waits for it: one forwarder at a time keeps the order), LISTENs on the channel
 * command-service's trigger notifies on each append (so a new event is read at once), and does every read and token
 * write. A failure (the database, the broker) drops the connection and starts again from the stored position after
 * a pause that grows while the failure lasts: events go out at least once, in order, none lost.
 * <p>
 * Axon's tracking processor did this before (docs/decisions/0020): it cost the proxy 80–100 µs of CPU per event.
 */
public class EventForwarder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventForwarder.class);
    /** The forwarding connection's name in {@code pg_stat_activity}. */
    public static final String APPLICATION_NAME = "tributary-proxy-forwarder";
    /** PostgreSQL's "relation does not exist". */
    private static final String UNDEFINED_TABLE = "42P01";
    private final ConnectionSource connections;
    private final Sink sink;
    private final ForwarderSettings settings;
    private final EventTable table;
    private final Clock clock;
    private final String owner = "proxy-" + UUID.randomUUID();
    private volatile boolean running;
    private volatile Thread thread;
    private volatile ForwarderStatus status = ForwarderStatus.starting();
    /** The pause after the next failure: doubled while failures last, back to the first once a batch went out. */
    private Duration pause;

    public EventForwarder(ConnectionSource connections, Sink sink, ForwarderSettings settings, Clock clock) {
        this.connections = connections;
        this.sink = sink;
        this.settings = settings;
        this.table = new EventTable(settings.eventTable(), settings.tokenTable());
        this.clock = clock;
    }

    /** What the forwarder is doing, for health and metrics. */
    public ForwarderStatus status() {
        return status;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, "proxy-forwarder");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Lets the forwarder finish its round (what it sent is confirmed and its position stored, so that a restart sends
     * nothing twice), interrupting it only if that takes longer than a notification wait and a second.
     */
    @Override
    public synchronized void stop() {
        running = false;
        Thread stopping = thread;
        if (stopping != null) {
            try {
                stopping.join(settings.idlePoll().toMillis() + 1_000);
                if (stopping.isAlive()) {
                    stopping.interrupt();
                    stopping.join(5_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        pause = settings.retryFirst();
        while (running) {
            try (Connection connection = connections.open()) {
                connection.setAutoCommit(true);
                if (!lock(connection, settings.tokenTable())) {
                    status = status.standby();
                    sleep(settings.standbyRetry());
                    continue;
                }
                prepare(connection);
                forward(connection);
            } catch (SQLException e) {
                sink.abandon();
                if (!running) {
                    return;
                }
                if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                    // command-service, starting beside this proxy, has not made its event table yet
                    status = status.failed(e);
                    log.info("waiting for command-service's event table ({})", e.getMessage());
                    sleep(settings.retryFirst());
                    continue;
                }
                failed(e);
                continue;
            } catch (Sink.NotDelivered | RuntimeException e) {
                // whatever was on its way is sent again from the stored position
                sink.abandon();
                if (!running) {
                    return;
                }
                failed(e);
            }
        }
    }

    /**
     * A connection of the forwarder's own, outside any pool: closing it ends its LISTEN, its session settings and its
     * advisory lock.
     */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    /** Logs the failure and waits; the next pause is longer, until forwarding works again. */
    private void failed(Exception e) {
        status = status.failed(e);
        log.warn("forwarding stopped ({}); starting again from the stored position in {} ms", e.getMessage(),
                pause.toMillis());
        sleep(pause);
        pause = min(pause.multipliedBy(2), settings.retryMax());
    }

    /** The advisory lock only the forwarding proxy holds, named by its token table (one per platform). */
    private static boolean lock(Connection connection, String tokenTable) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            lock.setString(1, "tributary.proxy:" + tokenTable);
            try (ResultSet row = lock.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    private void prepare(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // named, so that an operator sees it in pg_stat_activity
            statement.execute("SET application_name = '" + APPLICATION_NAME + "'");
            statement.execute("LISTEN " + settings.channel());
            // the token is written after the broker confirmed; losing its last writes in a database crash means
            // sending those events again (consumers drop repeats by id), not losing any: no need to wait for the disk
            statement.execute("SET synchronous_commit = off");
        }
    }

    private void forward(Connection connection) throws SQLException, Sink.NotDelivered {
        PGConnection notifications = connection.unwrap(PGConnection.class);
        Position position = table.load(connection, clock.instant());
        status = status.at(position.index(), false);
        log.info("forwarding events from global index {} ({} gaps)", position.index(), position.gaps().size());
        // the positions after each batch handed to the sink and not yet confirmed, oldest first: while one batch is
        // confirmed the next is read and sent
        Deque<Position> inFlight = new ArrayDeque<>();
        // the position after everything the sink confirmed; stored at most every storeEvery while events flow, and
        // once the forwarder is idle (a crash sends what was confirmed since again: at least once). Not after each
        // caught-up batch: under a steady flow that was a round trip, and a wait for the CPU, per batch
        Position delivered = position;
        Position stored = position;
        Instant storedAt = clock.instant();
        boolean idle = false;
        try {
            while (running) {
                List<StoredEvent> batch = table.read(connection, position, settings.batchSize());
                List<Long> read = batch.stream().map(StoredEvent::globalIndex).toList();
                Position next = position.after(read, clock.instant(), settings.gapTimeout(), settings.maxGaps());
                if (!next.equals(position)) {
                    logGivenUp(position, next, read);
                }
                if (!batch.isEmpty()) {
                    sink.send(batch);
                    inFlight.add(next);
                }
                boolean caughtUp = batch.size() < settings.batchSize();
                // caught up, every batch is awaited; else the newest stays in flight while the next is read
                while (inFlight.size() > (caughtUp ? 0 : 1)) {
                    sink.awaitDelivered();
                    delivered = inFlight.poll();
                    status = status.at(delivered.index(), false);
                    pause = settings.retryFirst();
                }
                if (inFlight.isEmpty()) {
                    delivered = next;
                }
                position = next;
                Instant now = clock.instant();
                if (!delivered.equals(stored) && (idle || !now.isBefore(storedAt.plus(settings.storeEvery())))) {
                    table.store(connection, delivered, owner, now);
                    stored = delivered;
                    storedAt = now;
                }
                if (caughtUp) {
                    status = status.at(position.index(), true);
                    // a notification that came while reading is returned at once; otherwise wait for one (or poll)
                    PGNotification[] woken = notifications.getNotifications((int) settings.idlePoll().toMillis());
                    idle = woken == null || woken.length == 0;
                } else {
                    idle = false;
                }
            }
        } catch (Sink.NotDelivered | RuntimeException e) {
            // the broker refused a batch (or its channel broke): what it confirmed before is kept, so that the
            // restart sends only the refused batch and those after it again, not everything since the last store
            keep(connection, delivered, stored, e);
            throw e;
        }
        while (!inFlight.isEmpty()) {
            // stopping: what was sent is confirmed and kept, so that a restart does not send it again
            sink.awaitDelivered();
            delivered = inFlight.poll();
        }
        if (!delivered.equals(stored)) {
            table.store(connection, delivered, owner, clock.instant());
        }
    }

    /** Stores what was confirmed before a failure of the sink; a failure to store it is added to that one. */
    private void keep(Connection connection, Position delivered, Position stored, Exception failure) {
        if (delivered.equals(stored)) {
            return;
        }
        try {
            table.store(connection, delivered, owner, clock.instant());
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private void logGivenUp(Position position, Position next, List<Long> read) {
        List<Long> givenUp = position.givenUp(next, read);
        if (!givenUp.isEmpty()) {
            log.warn("gave up waiting for global indices {}: no event committed there within {}", givenUp,
                    settings.gapTimeout());
        }
    }

    private void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
