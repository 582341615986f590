package org.tributary.proxy.publish;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code publishing}: DOWN while the processor retries a batch the broker did not
 * confirm (the error says why), UP otherwise, with the global index the proxy has published up to.
 */
@Component
class PublishingHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;

    PublishingHealthIndicator(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        TrackingEventProcessor processor = processing
                .eventProcessor(ConfirmedPublisher.PROCESSING_GROUP, TrackingEventProcessor.class)
                .orElse(null);
        if (processor == null || !processor.isRunning()) {
            health.down().withDetail("processor", "not running");
            return;
        }
        EventTrackerStatus status = processor.processingStatus().get(0);
        if (status == null) {
            health.unknown().withDetail("processor", "no segment claimed yet");
            return;
        }
        if (status.isErrorState()) {
            health.down().withDetail("error", String.valueOf(status.getError()));
        } else {
            health.up();
        }
        status.getCurrentPosition().ifPresent(position -> health.withDetail("position", position));
        health.withDetail("caughtUp", status.isCaughtUp());
    }
}
