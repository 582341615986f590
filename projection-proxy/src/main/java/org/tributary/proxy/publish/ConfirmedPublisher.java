package org.tributary.proxy.publish;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Exchange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The only handler of the tracking processor {@value #PROCESSING_GROUP}. It publishes each event of a batch as the
 * processor hands it over, on the one channel the proxy holds ({@link ConfirmChannel}), and when the batch's unit of
 * work prepares to commit (in the transaction that also stores the token) it waits for all their confirms. A nack, a
 * timeout or a broken channel throws, so Axon rolls the token back and retries the whole batch: at least once, never
 * lost, never reordered. Consumers drop repeats by message id.
 */
@ProcessingGroup(ConfirmedPublisher.PROCESSING_GROUP)
public class ConfirmedPublisher implements EventMessageHandler {

    public static final String PROCESSING_GROUP = "proxy";

    private static final String BATCH = ConfirmedPublisher.class.getName() + ".batch";

    private final ConfirmChannel channel;
    private final AmqpAdmin admin;
    private final Exchange exchange;
    private final Serializer eventSerializer;
    private final long confirmTimeoutMillis;
    /** After a failure the exchange may be gone (deleted, broker reset); declaring it again is cheap then. */
    private boolean declareBeforeNextBatch;

    private final Timer lag;
    private final Counter forwarded;
    private final Counter acks;
    private final Counter nacks;
    private final Counter failures;

    /**
     * @param metrics where {@code tributary_proxy_confirms_total{outcome}} (ack: messages confirmed; nack, failed:
     *                batches refused or not confirmed), {@code tributary_proxy_events_forwarded_total} and
     *                {@code tributary_proxy_publish_lag_seconds} (from an event's append to its confirm) are kept
     */
    ConfirmedPublisher(ConfirmChannel channel, AmqpAdmin admin, Exchange exchange, Serializer eventSerializer,
                       Duration confirmTimeout, MeterRegistry metrics) {
        this.channel = channel;
        this.admin = admin;
        this.exchange = exchange;
        this.eventSerializer = eventSerializer;
        this.confirmTimeoutMillis = confirmTimeout.toMillis();
        this.lag = Timer.builder("tributary.proxy.publish.lag")
                .description("from an event's append to the broker's confirm of its message")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram().register(metrics);
        this.forwarded = metrics.counter("tributary.proxy.events.forwarded");
        this.acks = metrics.counter("tributary.proxy.confirms", "outcome", "ack");
        this.nacks = metrics.counter("tributary.proxy.confirms", "outcome", "nack");
        this.failures = metrics.counter("tributary.proxy.confirms", "outcome", "failed");
    }

    @Override
    public Object handle(EventMessage<?> event) throws Exception {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        List<Instant> batch = unitOfWork.getOrComputeResource(BATCH, key -> {
            List<Instant> appended = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> awaitConfirms(appended));
            // a batch given up (here or by the processor) leaves no confirm behind for the next one
            unitOfWork.onRollback(u -> channel.discard());
            return appended;
        });
        OutgoingEvent outgoing = OutgoingEvent.of(event, eventSerializer);
        try {
            if (declareBeforeNextBatch) {
                admin.declareExchange(exchange);
                declareBeforeNextBatch = false;
            }
            channel.publish(exchange.getName(), outgoing);
        } catch (IOException | RuntimeException e) {
            failed(false);
            throw new PublishNotConfirmed("could not publish event " + outgoing.eventId() + ": " + e.getMessage(), e);
        }
        batch.add(outgoing.appendedAt());
        return null;
    }

    private void awaitConfirms(List<Instant> batch) {
        try {
            channel.awaitConfirms(confirmTimeoutMillis);
        } catch (ConfirmChannel.NotConfirmed e) {
            failed(e.refused());
            throw new PublishNotConfirmed(e.getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(false);
            throw new PublishNotConfirmed("interrupted waiting for confirms", e);
        }
        Instant confirmed = Instant.now();
        for (Instant appendedAt : batch) {
            lag.record(Duration.between(appendedAt, confirmed));
        }
        acks.increment(batch.size());
        forwarded.increment(batch.size());
    }

    private void failed(boolean refused) {
        declareBeforeNextBatch = true;
        (refused ? nacks : failures).increment();
    }

    /** The broker did not take responsibility for a message of the batch; the batch is retried. */
    static class PublishNotConfirmed extends RuntimeException {
        PublishNotConfirmed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
