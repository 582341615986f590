package org.tributary.query.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.query.shared.Projections;

/**
 * Rebuilds the read model from the event store: stops the {@code projections} processor, resets its token (which
 * runs every {@code @ResetHandler}, truncating the read-model tables, in the same transaction), and starts it again
 * from the first event. The read model fills up again while the processor catches up.
 */
@RestController
class ReplayController {

    private final EventProcessingConfiguration processing;

    ReplayController(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @PostMapping("/api/admin/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    synchronized Replay replay() {
        TrackingEventProcessor processor = processing
                .eventProcessor(Projections.GROUP, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no tracking processor " + Projections.GROUP));
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        return new Replay(Projections.GROUP, "replaying");
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Replay(String processor, String status) {
    }
}
