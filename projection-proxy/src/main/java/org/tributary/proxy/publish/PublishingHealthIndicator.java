package org.tributary.proxy.publish;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;
import org.tributary.proxy.forward.EventForwarder;
import org.tributary.proxy.forward.ForwarderStatus;

/**
 * {@code /actuator/health} component {@code publishing}: DOWN while the forwarder retries a batch the broker did not
 * confirm or the database failed (the error says why), UP while it forwards or stands by for another proxy, with the
 * global index the proxy has published up to.
 */
@Component
class PublishingHealthIndicator extends AbstractHealthIndicator {

    private final EventForwarder forwarder;

    PublishingHealthIndicator(EventForwarder forwarder) {
        this.forwarder = forwarder;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        ForwarderStatus status = forwarder.status();
        switch (status.state()) {
            case STARTING -> health.unknown();
            case FAILED -> health.down().withDetail("error", status.error());
            case STANDBY, FORWARDING -> health.up();
        }
        health.withDetail("state", status.state().name().toLowerCase(java.util.Locale.ROOT));
        if (status.position() >= 0) {
            health.withDetail("position", status.position());
        }
        health.withDetail("caughtUp", status.caughtUp());
    }
}
