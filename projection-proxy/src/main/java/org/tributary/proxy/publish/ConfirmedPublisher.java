package org.tributary.proxy.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Exchange;
import org.tributary.proxy.forward.Sink;
import org.tributary.proxy.forward.StoredEvent;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Publishes each batch the forwarder read on the one channel the proxy holds ({@link ConfirmChannel}), then waits
 * for all their confirms (while the forwarder reads the next batch); only then does the forwarder move its token. A nack, a timeout or a broken channel throws,
 * and the forwarder sends the whole batch again: at least once, never lost, never reordered. Consumers drop repeats
 * by message id.
 */
public class ConfirmedPublisher implements Sink {

    private final ConfirmChannel channel;
    private final AmqpAdmin admin;
    private final Exchange exchange;
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
    ConfirmedPublisher(ConfirmChannel channel, AmqpAdmin admin, Exchange exchange, Duration confirmTimeout,
                       MeterRegistry metrics) {
        this.channel = channel;
        this.admin = admin;
        this.exchange = exchange;
        this.confirmTimeoutMillis = confirmTimeout.toMillis();
        this.lag = Timer.builder("tributary.proxy.publish.lag")
                .description("from an event's append to the broker's confirm of its message")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram().register(metrics);
        this.forwarded = metrics.counter("tributary.proxy.events.forwarded");
        this.acks = metrics.counter("tributary.proxy.confirms", "outcome", "ack");
        this.nacks = metrics.counter("tributary.proxy.confirms", "outcome", "nack");
        this.failures = metrics.counter("tributary.proxy.confirms", "outcome", "failed");
    }

    /** The batches sent and not yet awaited, oldest first. */
    private final Deque<InFlight> inFlight = new ArrayDeque<>();

    /** A batch on its way: its last message's sequence number, and when each of its events was appended. */
    private record InFlight(long last, Instant[] appended) {
    }

    @Override
    public void send(List<StoredEvent> batch) throws NotDelivered {
        Instant[] appended = new Instant[batch.size()];
        long last = -1;
        for (int i = 0; i < batch.size(); i++) {
            OutgoingEvent outgoing = OutgoingEvent.of(batch.get(i));
            try {
                if (declareBeforeNextBatch) {
                    admin.declareExchange(exchange);
                    declareBeforeNextBatch = false;
                }
                last = channel.publish(exchange.getName(), outgoing);
            } catch (IOException | RuntimeException e) {
                channel.discard();
                inFlight.clear();
                failed(false);
                throw new NotDelivered("could not publish event " + outgoing.eventId() + ": " + e.getMessage(), e);
            }
            appended[i] = outgoing.appendedAt();
        }
        inFlight.add(new InFlight(last, appended));
    }

    /** Waits for the confirms of the oldest batch sent and not yet awaited. */
    @Override
    public void awaitDelivered() throws NotDelivered {
        InFlight oldest = inFlight.poll();
        if (oldest == null) {
            return;
        }
        Instant[] batch = oldest.appended();
        try {
            channel.awaitConfirms(oldest.last(), confirmTimeoutMillis);
        } catch (ConfirmChannel.NotConfirmed e) {
            inFlight.clear();
            failed(e.refused());
            throw new NotDelivered(e.getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.discard();
            inFlight.clear();
            failed(false);
            throw new NotDelivered("interrupted waiting for confirms", e);
        }
        Instant confirmed = Instant.now();
        for (Instant appendedAt : batch) {
            lag.record(Duration.between(appendedAt, confirmed));
        }
        acks.increment(batch.length);
        forwarded.increment(batch.length);
    }

    @Override
    public void abandon() {
        channel.discard();
        inFlight.clear();
    }

    private void failed(boolean refused) {
        declareBeforeNextBatch = true;
        (refused ? nacks : failures).increment();
    }
}
