package org.tributary.proxy.publish;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.ReturnListener;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;

/**
 * The proxy's one channel to the broker, in confirm mode, held from batch to batch. A batch's messages go out as the
 * forwarder hands them over, and the broker stores them while the proxy reads and sends the next batch; the
 * forwarder then waits for that batch's confirms only ({@link #awaitConfirms} up to its last sequence number). AMQP
 * keeps one channel's messages in order, so events leave in the order the forwarder reads them, batch after batch.
 * <p>
 * After a failure (a nack, a timeout, a broken channel or connection) the batch is given up: {@link #discard} closes
 * the channel, so that no late confirm of the failed batch is counted for the next one, and the next batch opens a
 * new channel (on a new connection from Spring's factory if the old one broke). Used by the forwarder's one thread;
 * confirms arrive on the connection's thread.
 */
final class ConfirmChannel implements AutoCloseable {

    /** A batch the broker did not take responsibility for: nacked, or not confirmed in time. */
    static final class NotConfirmed extends Exception {
        private final boolean refused;

        NotConfirmed(String message, boolean refused, Throwable cause) {
            super(message, cause);
            this.refused = refused;
        }

        /** The broker nacked a message (rather than not answering, or the channel breaking). */
        boolean refused() {
            return refused;
        }
    }

    private final ConnectionFactory connections;
    private final ReturnListener returns;
    private Channel channel;
    /** The channel's messages not confirmed yet: event ids by publish sequence number (to name a nacked one). */
    private final ConcurrentSkipListMap<Long, String> pending = new ConcurrentSkipListMap<>();
    /** The lowest sequence number the broker nacked on this channel, -1 while none. */
    private volatile long nacked = -1;
    private volatile String nackedEvent;
    private final Object confirms = new Object();

    ConfirmChannel(ConnectionFactory connections, ReturnListener returns) {
        this.connections = connections;
        this.returns = returns;
    }

    /** Sends one message and answers its sequence number, whose confirm {@link #awaitConfirms} waits for. */
    long publish(String exchange, OutgoingEvent event) throws IOException {
        Channel open = open();
        long sequence = open.getNextPublishSeqNo();
        pending.put(sequence, event.eventId());
        open.basicPublish(exchange, event.routingKey(), true, event.properties(), event.body());
        return sequence;
    }

    /**
     * Waits until the broker confirmed every message published up to sequence number {@code upTo}; later ones may
     * still be on their way.
     *
     * @throws NotConfirmed when it refused one of them (the message names the first it refused), did not answer
     *                      within the timeout, or the channel closed; the channel is discarded then
     */
    void awaitConfirms(long upTo, long timeoutMillis) throws NotConfirmed, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        boolean confirmed = false;
        try {
            synchronized (confirms) {
                while (true) {
                    long refused = nacked;
                    if (refused >= 0 && refused <= upTo) {
                        throw new NotConfirmed("broker refused event " + nackedEvent + " (nack)", true, null);
                    }
                    Map.Entry<Long, String> first = pending.firstEntry();
                    if (first == null || first.getKey() > upTo) {
                        confirmed = true;
                        return;
                    }
                    Channel open = channel;
                    if (open == null || !open.isOpen()) {
                        Object reason = open == null ? "discarded" : open.getCloseReason();
                        throw new NotConfirmed("confirms for events from " + first.getValue() + " were lost: "
                                + reason, false, null);
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new NotConfirmed("no confirm for event " + first.getValue() + " within "
                                + timeoutMillis + " ms", false, null);
                    }
                    TimeUnit.NANOSECONDS.timedWait(confirms, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
                }
            }
        } finally {
            if (!confirmed) {
                discard();
            }
        }
    }

    /** Closes the channel and forgets its unconfirmed messages; the next publish opens a new one. */
    void discard() {
        pending.clear();
        Channel closing = channel;
        channel = null;
        if (closing != null && closing.isOpen()) {
            try {
                closing.abort();
            } catch (IOException | RuntimeException e) {
                // it is being thrown away
            }
        }
    }

    @Override
    public void close() {
        discard();
    }

    private Channel open() throws IOException {
        if (channel == null || !channel.isOpen()) {
            discard();
            // Spring's connection (declaring the exchange on each new one through RabbitAdmin), a plain channel of it
            Channel created = connections.createConnection().getDelegate().createChannel();
            if (created == null) {
                throw new IOException("the broker's connection has no channel left");
            }
            nacked = -1;
            nackedEvent = null;
            created.confirmSelect();
            created.addReturnListener(returns);
            created.addConfirmListener(new ConfirmListener() {
                @Override
                public void handleAck(long sequence, boolean multiple) {
                    confirmed(sequence, multiple);
                }

                @Override
                public void handleNack(long sequence, boolean multiple) {
                    if (nacked < 0) {
                        Map.Entry<Long, String> first = multiple ? pending.firstEntry() : null;
                        nacked = first != null ? first.getKey() : sequence;
                        nackedEvent = first != null ? first.getValue() : pending.get(sequence);
                    }
                    confirmed(sequence, multiple);
                }
            });
            created.addShutdownListener(cause -> {
                synchronized (confirms) {
                    confirms.notifyAll();
                }
            });
            channel = created;
        }
        return channel;
    }

    private void confirmed(long sequence, boolean multiple) {
        if (multiple) {
            pending.headMap(sequence, true).clear();
        } else {
            pending.remove(sequence);
        }
        synchronized (confirms) {
            confirms.notifyAll();
        }
    }
}
