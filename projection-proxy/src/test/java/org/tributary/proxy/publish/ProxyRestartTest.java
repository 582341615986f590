package org.tributary.proxy.publish;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tributary.domain.project.api.NodeRenamed;
import org.tributary.domain.project.api.ProjectCreated;
import org.tributary.testsupport.TestEventStore.Appended;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProxyRestartTest {

    private static ProxyRig rig;

    @BeforeAll
    static void createRig() {
        rig = new ProxyRig("proxyrestart");
    }

    @AfterAll
    static void closeRig() {
        rig.close();
    }

    @Test
    void resumesAfterTheLastConfirmedEventWhenRestarted() {
        String queue = rig.bindQueue("#");
        rig.startProxy();
        List<Appended> before = List.of(
                rig.store.append("Project", "1", new ProjectCreated(1, "one", null)),
                rig.store.append("Project", "1", new NodeRenamed(1, 10, "a")),
                rig.store.append("Project", "1", new NodeRenamed(1, 10, "b")));
        for (Appended event : before) {
            assertThat(rig.receive(queue).getMessageProperties().getMessageId()).isEqualTo(event.eventId());
        }
        rig.stopProxy();
        assertThat(rig.tokenIndex()).hasValue(before.get(2).globalIndex());

        Appended whileDown = rig.store.append("Project", "1", new NodeRenamed(1, 10, "c"));
        rig.startProxy();
        assertThat(rig.receive(queue).getMessageProperties().getMessageId()).isEqualTo(whileDown.eventId());
        Appended afterRestart = rig.store.append("Project", "1", new NodeRenamed(1, 10, "d"));
        assertThat(rig.receive(queue).getMessageProperties().getMessageId()).isEqualTo(afterRestart.eventId());
    }

    @Test
    void startsAgainFromItsStoredPositionWhenItsDatabaseConnectionIsKilled() throws Exception {
        rig.stopProxy();
        String queue = rig.bindQueue("#");
        rig.startProxy("--tributary.proxy.retry-first=50ms");
        try {
            Appended before = rig.store.append("Project", "2", new ProjectCreated(2, "two", null));
            assertThat(rig.receive(queue).getMessageProperties().getMessageId()).isEqualTo(before.eventId());

            try (java.sql.Connection admin = rig.database.connect();
                 java.sql.PreparedStatement kill = admin.prepareStatement("SELECT count(pg_terminate_backend(pid))"
                         + " FROM pg_stat_activity WHERE datname = current_database() AND application_name = ?")) {
                kill.setString(1, org.tributary.proxy.forward.EventForwarder.APPLICATION_NAME);
                try (java.sql.ResultSet killed = kill.executeQuery()) {
                    killed.next();
                    assertThat(killed.getInt(1)).isEqualTo(1);
                }
            }

            Appended after = rig.store.append("Project", "2", new NodeRenamed(2, 20, "after"));
            // at least once: "before" again only if its position was not stored yet when the connection went
            String id;
            do {
                id = rig.receive(queue).getMessageProperties().getMessageId();
                assertThat(id).isIn(before.eventId(), after.eventId());
            } while (!id.equals(after.eventId()));
        } finally {
            rig.stopProxy();
        }
    }
}
