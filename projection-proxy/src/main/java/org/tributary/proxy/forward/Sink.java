package org.tributary.proxy.forward;

import java.util.List;

/**
 * Where the forwarder hands each batch, in two steps so that one batch is confirmed while the next is read and sent:
 * {@link #send} hands the events over, {@link #awaitDelivered} returns once every event of the oldest batch sent is
 * safe there.
 */
public interface Sink {

    /**
     * Hands a batch over, after the batches sent before it (which may not have been awaited yet).
     *
     * @throws NotDelivered when the batch cannot be handed over; the forwarder sends it again
     */
    void send(List<StoredEvent> batch) throws NotDelivered;

    /**
     * Waits until every event of the oldest batch sent and not yet awaited has arrived.
     *
     * @throws NotDelivered when any may not have; the forwarder sends it, and every batch after it, again
     */
    void awaitDelivered() throws NotDelivered;

    /**
     * Forgets every batch sent and not yet awaited (the forwarder sends them again from its stored position after a
     * failure of its own, such as its database connection breaking while batches were on their way).
     */
    void abandon();

    /** The batch is not known to have arrived whole; the message says which event failed and why. */
    class NotDelivered extends Exception {
        public NotDelivered(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
