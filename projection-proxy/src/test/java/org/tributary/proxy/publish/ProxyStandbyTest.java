package org.tributary.proxy.publish;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.tributary.domain.project.api.NodeRenamed;
import org.tributary.domain.project.api.ProjectCreated;
import org.tributary.testsupport.TestEventStore.Appended;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two proxies on one event store: one forwards, the other stands by and takes over when the first stops. */
class ProxyStandbyTest {

    private static ProxyRig rig;

    @BeforeAll
    static void createRig() {
        rig = new ProxyRig("proxystandby");
    }

    @AfterAll
    static void closeRig() {
        rig.close();
    }

    @Test
    void aSecondProxyForwardsNothingUntilTheFirstStops() {
        String queue = rig.bindQueue("#");
        rig.startProxy();
        Appended first = rig.store.append("Project", "1", new ProjectCreated(1, "one", null));
        assertThat(rig.receive(queue).getMessageProperties().getMessageId()).isEqualTo(first.eventId());

        try (ConfigurableApplicationContext second = rig.anotherProxy("--tributary.proxy.standby-retry=200ms")) {
            await().untilAsserted(() -> assertThat(health(second).getDetails()).containsEntry("state", "standby"));
            Appended whileBoth = rig.store.append("Project", "1", new NodeRenamed(1, 10, "a"));
            assertThat(rig.receive(queue).getMessageProperties().getMessageId()).isEqualTo(whileBoth.eventId());

            rig.stopProxy();
            Appended afterFirstStopped = rig.store.append("Project", "1", new NodeRenamed(1, 10, "b"));
            assertThat(rig.receive(queue).getMessageProperties().getMessageId())
                    .isEqualTo(afterFirstStopped.eventId());
            assertThat(health(second).getDetails()).containsEntry("state", "forwarding");
            // each event went out once: the standby did not forward while the first one did
            assertThat(rig.client.receive(queue, 500)).isNull();
        }
    }

    private static Health health(ConfigurableApplicationContext proxy) {
        return ((HealthIndicator) proxy.getBean(HealthContributorRegistry.class).getContributor("publishing")).health();
    }
}
