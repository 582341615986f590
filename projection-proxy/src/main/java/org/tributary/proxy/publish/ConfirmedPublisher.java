package org.tributary.proxy.publish;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The only handler of the tracking processor {@value #PROCESSING_GROUP}. It collects a batch's events and, when the
 * batch's unit of work prepares to commit (in the transaction that also stores the token), publishes them on one
 * channel and waits for all their confirms. A nack, a timeout or a broken channel throws, so Axon rolls the token
 * back and retries the whole batch: at least once, never lost, never reordered. Consumers drop repeats by message id.
 */
@ProcessingGroup(ConfirmedPublisher.PROCESSING_GROUP)
public class ConfirmedPublisher implements EventMessageHandler {

    public static final String PROCESSING_GROUP = "proxy";

    private static final String BATCH = ConfirmedPublisher.class.getName() + ".batch";

    private final RabbitTemplate rabbit;
    private final AmqpAdmin admin;
    private final Exchange exchange;
    private final Serializer eventSerializer;
    private final long confirmTimeoutNanos;
    /** After a failure the exchange may be gone (deleted, broker reset); declaring it again is cheap then. */
    private volatile boolean declareBeforeNextBatch;

    private final MeterRegistry metrics;
    private final Timer lag;

    public ConfirmedPublisher(RabbitTemplate rabbit, AmqpAdmin admin, Exchange exchange, Serializer eventSerializer,
                              Duration confirmTimeout) {
        this(rabbit, admin, exchange, eventSerializer, confirmTimeout, new SimpleMeterRegistry());
    }

    /**
     * @param metrics where {@code tributary_proxy_confirms_total{outcome}} (ack, nack, timeout),
     *                {@code tributary_proxy_events_forwarded_total} and {@code tributary_proxy_publish_lag_seconds}
     *                (from an event's append to its confirm) are kept
     */
    public ConfirmedPublisher(RabbitTemplate rabbit, AmqpAdmin admin, Exchange exchange, Serializer eventSerializer,
                              Duration confirmTimeout, MeterRegistry metrics) {
        this.metrics = metrics;
        this.lag = Timer.builder("tributary.proxy.publish.lag")
                .description("from an event's append to the broker's confirm of its message")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram().register(metrics);
        this.rabbit = rabbit;
        this.admin = admin;
        this.exchange = exchange;
        this.eventSerializer = eventSerializer;
        this.confirmTimeoutNanos = confirmTimeout.toNanos();
    }

    @Override
    public Object handle(EventMessage<?> event) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        List<OutgoingEvent> batch = unitOfWork.getOrComputeResource(BATCH, key -> {
            List<OutgoingEvent> events = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> publish(events));
            return events;
        });
        batch.add(OutgoingEvent.of(event, eventSerializer));
        return null;
    }

    private void publish(List<OutgoingEvent> batch) {
        try {
            if (declareBeforeNextBatch) {
                admin.declareExchange(exchange);
                declareBeforeNextBatch = false;
            }
            // one channel for the whole batch: AMQP keeps a channel's messages in order
            rabbit.invoke(operations -> {
                List<CorrelationData> confirms = new ArrayList<>(batch.size());
                for (OutgoingEvent event : batch) {
                    CorrelationData confirm = new CorrelationData(event.eventId());
                    operations.send(exchange.getName(), event.routingKey(), event.message(), confirm);
                    confirms.add(confirm);
                }
                awaitAcks(confirms);
                java.time.Instant confirmed = java.time.Instant.now();
                for (OutgoingEvent event : batch) {
                    lag.record(Duration.between(event.appendedAt(), confirmed));
                }
                metrics.counter("tributary.proxy.events.forwarded").increment(batch.size());
                return null;
            });
        } catch (RuntimeException e) {
            declareBeforeNextBatch = true;
            throw e;
        }
    }

    private void awaitAcks(List<CorrelationData> confirms) {
        long deadline = System.nanoTime() + confirmTimeoutNanos;
        for (CorrelationData confirm : confirms) {
            CorrelationData.Confirm outcome;
            try {
                outcome = confirm.getFuture().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                confirmed("timeout");
                throw new PublishNotConfirmed("no confirm for event " + confirm.getId() + " within "
                        + Duration.ofNanos(confirmTimeoutNanos), e);
            } catch (ExecutionException e) {
                throw new PublishNotConfirmed("confirm for event " + confirm.getId() + " failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishNotConfirmed("interrupted waiting for the confirm of event " + confirm.getId(), e);
            }
            confirmed(outcome.isAck() ? "ack" : "nack");
            if (!outcome.isAck()) {
                throw new PublishNotConfirmed("broker refused event " + confirm.getId()
                        + (outcome.getReason() == null ? " (nack)" : ": " + outcome.getReason()), null);
            }
        }
    }

    private void confirmed(String outcome) {
        metrics.counter("tributary.proxy.confirms", "outcome", outcome).increment();
    }

    /** The broker did not take responsibility for a message of the batch; the batch is retried. */
    static class PublishNotConfirmed extends RuntimeException {
        PublishNotConfirmed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
