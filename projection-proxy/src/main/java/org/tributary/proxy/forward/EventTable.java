package org.tributary.proxy.forward;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The forwarder's SQL, on the one connection it holds: command-service's event table read from a {@link Position},
 * and the position kept in the proxy's token row (Axon's {@code tokenentry} layout, processor {@value #PROCESSOR},
 * segment 0), so that the table and row an Axon tracking processor used stay valid both ways.
 */
final class EventTable {

    static final String PROCESSOR = "proxy";
    static final String TOKEN_TYPE = "org.axonframework.eventhandling.GapAwareTrackingToken";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "globalindex, eventidentifier, aggregateidentifier, sequencenumber, type,"
            + " payloadtype, payload, timestamp";

    private final String newEvents;
    private final String newEventsAndGaps;
    private final String tokens;

    /**
     * @param table  the event table, schema-qualified
     * @param tokens the token table, schema-qualified
     */
    EventTable(String table, String tokens) {
        this.tokens = tokens;
        String next = "SELECT " + COLUMNS + " FROM " + table + " WHERE globalindex > ? ORDER BY globalindex LIMIT ?";
        newEvents = next;
        // one statement, so one snapshot: a gap and a later event of the same aggregate are never seen apart
        newEventsAndGaps = "SELECT * FROM (SELECT " + COLUMNS + " FROM " + table + " WHERE globalindex = ANY(?)"
                + " UNION ALL (" + next + ")) AS batch ORDER BY globalindex";
    }

    /** The events after the position's index (at most {@code limit}) and those of its gaps that committed since. */
    List<StoredEvent> read(Connection connection, Position position, int limit) throws SQLException {
        boolean gaps = !position.gaps().isEmpty();
        try (PreparedStatement select = connection.prepareStatement(gaps ? newEventsAndGaps : newEvents)) {
            int parameter = 1;
            if (gaps) {
                Array indices = connection.createArrayOf("bigint", position.gapList().toArray());
                select.setArray(parameter++, indices);
            }
            select.setLong(parameter++, position.index());
            select.setInt(parameter, limit);
            select.setFetchSize(limit);
            List<StoredEvent> events = new ArrayList<>(limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(new StoredEvent(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getLong(4),
                            rows.getString(5), rows.getString(6), rows.getBytes(7), rows.getString(8)));
                }
            }
            return events;
        }
    }

    /** The stored position (its gaps' clocks starting {@code now}), {@link Position#START} when there is none. */
    Position load(Connection connection, Instant now) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT token, tokentype FROM " + tokens + " WHERE processorname = ? AND segment = 0")) {
            select.setString(1, PROCESSOR);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next() || row.getBytes(1) == null) {
                    return Position.START;
                }
                if (!TOKEN_TYPE.equals(row.getString(2))) {
                    throw new SQLException("the proxy's token is a " + row.getString(2) + ", not a " + TOKEN_TYPE);
                }
                return parse(row.getBytes(1), now);
            }
        }
    }

    static Position parse(byte[] token, Instant now) throws SQLException {
        try {
            JsonNode json = JSON.readTree(token);
            List<Long> gaps = new ArrayList<>();
            json.path("gaps").forEach(gap -> gaps.add(gap.asLong()));
            return Position.of(json.path("index").asLong(), gaps, now);
        } catch (IOException | IllegalArgumentException e) {
            throw new SQLException("the proxy's token cannot be read: "
                    + new String(token, StandardCharsets.UTF_8), e);
        }
    }

    /** Keeps the position (and names its owner, as Axon's claim did). */
    void store(Connection connection, Position position, String owner, Instant now) throws SQLException {
        byte[] token;
        try {
            token = JSON.writeValueAsBytes(position.asToken());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + tokens + """
                 (processorname, segment, token, tokentype, timestamp, owner)
                VALUES (?, 0, ?, ?, ?, ?)
                ON CONFLICT (processorname, segment) DO UPDATE
                SET token = excluded.token, tokentype = excluded.tokentype, timestamp = excluded.timestamp,
                    owner = excluded.owner""")) {
            upsert.setString(1, PROCESSOR);
            upsert.setBytes(2, token);
            upsert.setString(3, TOKEN_TYPE);
            upsert.setString(4, now.toString());
            upsert.setString(5, owner);
            upsert.executeUpdate();
        }
    }
}
