package org.tributary.proxy.forward;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The proxy's token as Axon's tracking processor wrote it reads as a position, and a broken one is refused. */
class EventTableTest {

    @Test
    void readsAxonsGapAwareToken() throws SQLException {
        Position position = EventTable.parse("{\"index\":42,\"gaps\":[40,41]}".getBytes(StandardCharsets.UTF_8),
                Instant.EPOCH);

        assertThat(position).isEqualTo(Position.of(42, java.util.List.of(40L, 41L), Instant.EPOCH));
    }

    @Test
    void refusesATokenItCannotRead() {
        assertThatThrownBy(() -> EventTable.parse("{\"index\":".getBytes(StandardCharsets.UTF_8), Instant.EPOCH))
                .isInstanceOf(SQLException.class).hasMessageContaining("cannot be read");
    }
}
