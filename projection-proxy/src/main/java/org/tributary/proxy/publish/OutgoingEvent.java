package org.tributary.proxy.publish;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.tributary.domain.shared.ExecutorAddressed;
import org.tributary.domain.shared.ProjectScoped;

import java.util.Date;

/**
 * One event as it goes on the wire (see docs/architecture.md, "RabbitMQ"): routing key
 * {@code <EventSimpleName>.<projectId or _>.<executorId or _>}, message id = the event's identifier, the headers below,
 * and the payload bytes exactly as command-service stored them.
 */
record OutgoingEvent(String eventId, String routingKey, Message message, java.time.Instant appendedAt) {

    static final String EVENT_TYPE = "event-type";
    static final String PAYLOAD_TYPE = "payload-type";
    static final String AGGREGATE_ID = "aggregate-id";
    static final String AGGREGATE_TYPE = "aggregate-type";
    static final String SEQUENCE = "sequence";
    static final String PROJECT_ID = "project-id";
    static final String EXECUTOR_ID = "executor-id";
    static final String TIMESTAMP = "timestamp";
    static final String NONE = "_";

    private static final Logger log = LoggerFactory.getLogger(OutgoingEvent.class);

    /**
     * @param serializer Axon's event serializer: when it is the one that read the event, the stored bytes come back
     *                   as they are instead of being serialized again
     */
    static OutgoingEvent of(EventMessage<?> event, Serializer serializer) {
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        String payloadType = payload.getType().getName();
        String eventType = simpleName(payloadType);
        Object body = deserialized(event, payloadType);
        Long projectId = body instanceof ProjectScoped scoped ? scoped.projectId() : null;
        Long executorId = body instanceof ExecutorAddressed addressed ? addressed.executorId() : null;

        MessageProperties properties = new MessageProperties();
        properties.setMessageId(event.getIdentifier());
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setTimestamp(Date.from(event.getTimestamp()));
        properties.setHeader(EVENT_TYPE, eventType);
        properties.setHeader(PAYLOAD_TYPE, payloadType);
        if (event instanceof DomainEventMessage<?> domainEvent) {
            properties.setHeader(AGGREGATE_ID, domainEvent.getAggregateIdentifier());
            properties.setHeader(AGGREGATE_TYPE, domainEvent.getType());
            properties.setHeader(SEQUENCE, domainEvent.getSequenceNumber());
        }
        if (projectId != null) {
            properties.setHeader(PROJECT_ID, projectId);
        }
        if (executorId != null) {
            properties.setHeader(EXECUTOR_ID, executorId);
        }
        properties.setHeader(TIMESTAMP, event.getTimestamp().toString());

        String routingKey = eventType + "." + orNone(projectId) + "." + orNone(executorId);
        return new OutgoingEvent(event.getIdentifier(), routingKey, new Message(payload.getData(), properties),
                event.getTimestamp());
    }

    /**
     * The payload, only to learn its project and executor. An event this proxy cannot read still goes out (with
     * {@code _} in the routing key) rather than block every event behind it.
     */
    private static Object deserialized(EventMessage<?> event, String payloadType) {
        try {
            return event.getPayload();
        } catch (SerializationException e) {
            log.warn("cannot read event {} of type {}; publishing it without project and executor: {}",
                    event.getIdentifier(), payloadType, e.getMessage());
            return null;
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
