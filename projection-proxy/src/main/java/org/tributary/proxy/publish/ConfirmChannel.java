package org.tributary.proxy.publish;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.ReturnListener;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The proxy's one channel to the broker, in confirm mode, held from batch to batch. A batch's messages go out as the
 * processor hands its events over, so the broker stores them while the proxy reads the next ones; only the batch's
 * end waits, for every confirm ({@link #awaitConfirms}). AMQP keeps one channel's messages in order, so events leave
 * in the order the processor reads them, batch after batch.
 * <p>
 * After a failure (a nack, a timeout, a broken channel or connection) the batch is given up: {@link #discard} closes
 * the channel, so that no late confirm of the failed batch is counted for the next one, and the next batch opens a
 * new channel (on a new connection from Spring's factory if the old one broke). Used by the processor's one thread.
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
    /** Event ids by publish sequence number, for the batch being published: to name a nacked one. */
    private final List<String> pending = new ArrayList<>();
    private long firstSequence;
    private volatile long nacked = -1;

    ConfirmChannel(ConnectionFactory connections, ReturnListener returns) {
        this.connections = connections;
        this.returns = returns;
    }

    /** Sends one message; its confirm is awaited by {@link #awaitConfirms}. */
    void publish(String exchange, OutgoingEvent event) throws IOException {
        Channel open = open();
        if (pending.isEmpty()) {
            firstSequence = open.getNextPublishSeqNo();
            nacked = -1;
        }
        pending.add(event.eventId());
        open.basicPublish(exchange, event.routingKey(), true, event.properties(), event.body());
    }

    /**
     * Waits until the broker confirmed every message published since the last call.
     *
     * @throws NotConfirmed when it refused one (the message names the first event it refused that the proxy knows
     *                      of) or did not answer within the timeout; the channel is discarded then
     */
    void awaitConfirms(long timeoutMillis) throws NotConfirmed, InterruptedException {
        if (pending.isEmpty()) {
            return;
        }
        try {
            if (!channel.waitForConfirms(timeoutMillis)) {
                long refused = nacked;
                int index = (int) (refused - firstSequence);
                String eventId = index >= 0 && index < pending.size() ? pending.get(index) : pending.get(0);
                throw new NotConfirmed("broker refused event " + eventId + " (nack)", true, null);
            }
            pending.clear();
        } catch (TimeoutException e) {
            throw new NotConfirmed("no confirm for event " + pending.get(0) + " within " + timeoutMillis + " ms", false, e);
        } catch (RuntimeException e) {   // the channel or its connection closed while waiting
            throw new NotConfirmed("confirms for events from " + pending.get(0) + " were lost: " + e.getMessage(), false, e);
        } finally {
            if (!pending.isEmpty()) {
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
            created.confirmSelect();
            created.addReturnListener(returns);
            created.addConfirmListener(new ConfirmListener() {
                @Override
                public void handleAck(long sequence, boolean multiple) {
                    // counted when the batch's wait ends
                }

                @Override
                public void handleNack(long sequence, boolean multiple) {
                    if (nacked < 0) {
                        nacked = multiple ? firstSequence : sequence;
                    }
                }
            });
            channel = created;
        }
        return channel;
    }
}
