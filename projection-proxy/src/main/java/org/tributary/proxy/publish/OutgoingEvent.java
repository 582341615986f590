package org.tributary.proxy.publish;

import com.rabbitmq.client.AMQP;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tributary.proxy.forward.StoredEvent;

import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/**
 * One event as it goes on the wire (see docs/architecture.md, "RabbitMQ"): routing key
 * {@code <EventSimpleName>.<projectId or _>.<executorId or _>}, message id = the event's identifier, the headers below,
 * and the payload bytes exactly as command-service stored them.
 */
record OutgoingEvent(String eventId, String routingKey, AMQP.BasicProperties properties, byte[] body,
                     Instant appendedAt) {

    static final String EVENT_TYPE = "event-type";
    static final String PAYLOAD_TYPE = "payload-type";
    static final String AGGREGATE_ID = "aggregate-id";
    static final String AGGREGATE_TYPE = "aggregate-type";
    static final String SEQUENCE = "sequence";
    static final String PROJECT_ID = "project-id";
    static final String EXECUTOR_ID = "executor-id";
    static final String TIMESTAMP = "timestamp";
    static final String NONE = "_";

    private static final String JSON = "application/json";
    private static final int PERSISTENT = 2;

    private static final Logger log = LoggerFactory.getLogger(OutgoingEvent.class);

    /** The message for one stored event: its payload's bytes as they are, its ids read from them. */
    static OutgoingEvent of(StoredEvent event) {
        String payloadType = event.payloadType();
        String eventType = simpleName(payloadType);
        RoutingIds ids = ids(event.eventId(), payloadType, event.payload());
        StoredTime time = StoredTime.parse(event.timestamp());
        Instant timestamp = time.instant();

        Map<String, Object> headers = new HashMap<>(16);
        headers.put(EVENT_TYPE, eventType);
        headers.put(PAYLOAD_TYPE, payloadType);
        if (event.aggregateType() != null) {
            headers.put(AGGREGATE_ID, event.aggregateId());
            headers.put(AGGREGATE_TYPE, event.aggregateType());
            headers.put(SEQUENCE, event.sequence());
        }
        if (ids.projectId() != null) {
            headers.put(PROJECT_ID, ids.projectId());
        }
        if (ids.executorId() != null) {
            headers.put(EXECUTOR_ID, ids.executorId());
        }
        headers.put(TIMESTAMP, time.text());
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .messageId(event.eventId())
                .contentType(JSON)
                .deliveryMode(PERSISTENT)
                .priority(0)
                .timestamp(Date.from(timestamp))
                .headers(headers)
                .build();

        String routingKey = eventType + "." + orNone(ids.projectId()) + "." + orNone(ids.executorId());
        return new OutgoingEvent(event.eventId(), routingKey, properties, event.payload(), timestamp);
    }

    /** An event whose ids this proxy cannot read still goes out, with {@code _} in the routing key. */
    private static RoutingIds ids(String eventId, String payloadType, byte[] payload) {
        try {
            return RoutingIds.read(payloadType, payload);
        } catch (IOException e) {
            log.warn("cannot read event {} of type {}; publishing it without project and executor: {}",
                    eventId, payloadType, e.getMessage());
            return RoutingIds.NONE;
        }
    }

    private static String simpleName(String className) {
        int cut = Math.max(className.lastIndexOf('.'), className.lastIndexOf('$'));
        return className.substring(cut + 1);
    }

    private static String orNone(Long id) {
        return id == null ? NONE : id.toString();
    }
}
