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
}
