package org.tributary.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * command-service's event store in a test database, for the services that follow it (query-service,
 * projection-proxy): their tests append events exactly as Axon's JDBC storage engine with the Jackson serializer
 * writes them, without starting command-service.
 */
public final class TestEventStore {

    /** Configured like Spring Boot's ObjectMapper, which Axon's serializer uses in the services. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final TestDatabase database;
    private final Map<String, Long> nextSequence = new ConcurrentHashMap<>();

    private TestEventStore(TestDatabase database) {
        this.database = database;
    }

    /** Creates schema {@code command} with the event store's tables and NOTIFY trigger in {@code database}. */
    public static TestEventStore create(TestDatabase database) {
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .schemas("command")
                .defaultSchema("command")
                .locations("classpath:db/command")
                .load()
                .migrate();
        return new TestEventStore(database);
    }

    public TestDatabase database() {
        return database;
    }

    /** Appends one event in its own transaction; returns its global index. */
    public Appended append(String aggregateType, String aggregateId, Object payload) {
        return append(aggregateType, aggregateId, payload, java.util.Map.of());
    }

    /** As above, with the event's metadata (the acting principal, for instance). */
    public Appended append(String aggregateType, String aggregateId, Object payload,
                           java.util.Map<String, ?> metaData) {
        try (Connection connection = database.connect()) {
            return append(connection, aggregateType, aggregateId, payload, metaData);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Appends one event on the caller's connection, inside whatever transaction it has open: a test holds the
     * transaction open to make a commit arrive late (a gap in the global index that a follower must not skip).
     */
    public Appended append(Connection connection, String aggregateType, String aggregateId, Object payload) {
        return append(connection, aggregateType, aggregateId, payload, java.util.Map.of());
    }

    private Appended append(Connection connection, String aggregateType, String aggregateId, Object payload,
                            java.util.Map<String, ?> metaData) {
        long sequence = nextSequence.merge(aggregateType + "/" + aggregateId, 1L, Long::sum) - 1;
        String eventId = UUID.randomUUID().toString();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO command.domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,
                    metadata, payload, payloadrevision, payloadtype, timestamp)
                VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?) RETURNING globalindex""")) {
            insert.setString(1, aggregateId);
            insert.setLong(2, sequence);
            insert.setString(3, aggregateType);
            insert.setString(4, eventId);
            insert.setBytes(5, MAPPER.writeValueAsBytes(metaData));
            insert.setBytes(6, MAPPER.writeValueAsBytes(payload));
            insert.setString(7, payload.getClass().getName());
            insert.setString(8, storedTime(Instant.now()));
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return new Appended(rs.getLong(1), eventId, sequence);
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot append " + payload, e);
        }
    }

    /**
     * Appends many events on one connection, in batches of 2,000 rows per commit, for benchmarks that need long
     * histories; the caller gives each event's sequence number. {@link Bulk#close()} writes the rest.
     */
    public Bulk bulk() throws SQLException {
        return new Bulk(database.connect());
    }

    /** See {@link #bulk()}. */
    public static final class Bulk implements AutoCloseable {
        private static final int ROWS_PER_COMMIT = 2_000;
        private final Connection connection;
        private final PreparedStatement insert;
        private final byte[] noMetaData;
        private final String now = storedTime(Instant.now());
        private int pending;

        private Bulk(Connection connection) throws SQLException {
            this.connection = connection;
            connection.setAutoCommit(false);
            this.insert = connection.prepareStatement("""
                    INSERT INTO command.domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,
                        metadata, payload, payloadrevision, payloadtype, timestamp)
                    VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)""");
            try {
                this.noMetaData = MAPPER.writeValueAsBytes(Map.of());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        public void add(String aggregateType, String aggregateId, long sequence, Object payload) throws SQLException {
            insert.setString(1, aggregateId);
            insert.setLong(2, sequence);
            insert.setString(3, aggregateType);
            insert.setString(4, UUID.randomUUID().toString());
            insert.setBytes(5, noMetaData);
            try {
                insert.setBytes(6, MAPPER.writeValueAsBytes(payload));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot serialize " + payload, e);
            }
            insert.setString(7, payload.getClass().getName());
            insert.setString(8, now);
            insert.addBatch();
            if (++pending == ROWS_PER_COMMIT) {
                flush();
            }
        }

        private void flush() throws SQLException {
            insert.executeBatch();
            connection.commit();
            pending = 0;
        }

        /** The global index of the last event in the store, once everything is written. */
        public long head() throws SQLException {
            flush();
            try (PreparedStatement max = connection.prepareStatement(
                    "SELECT max(globalindex) FROM command.domainevententry"); ResultSet row = max.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                flush();
            } finally {
                connection.close();
            }
        }
    }

    public record Appended(long globalIndex, String eventId, long sequence) {
    }

    /** A time as Axon's JDBC engine stores it (DateTimeUtils.formatInstant): UTC, always three fraction digits. */
    public static String storedTime(Instant instant) {
        return STORED_TIME.format(instant);
    }

    private static final java.time.format.DateTimeFormatter STORED_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);
}
