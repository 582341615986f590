package org.tributary.proxy.forward;

/**
 * One row of command-service's event table as the forwarder reads it.
 *
 * @param aggregateType null for an event that belongs to no aggregate
 * @param timestamp     as stored (ISO-8601)
 * @param payload       the bytes exactly as command-service stored them
 */
public record StoredEvent(long globalIndex, String eventId, String aggregateId, long sequence, String aggregateType,
                          String payloadType, byte[] payload, String timestamp) {
}
