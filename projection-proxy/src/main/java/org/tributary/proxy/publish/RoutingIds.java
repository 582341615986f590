package org.tributary.proxy.publish;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.tributary.domain.shared.ExecutorAddressed;
import org.tributary.domain.shared.ProjectScoped;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An event's project and executor (its routing key's second and third parts), read from its payload's stored JSON
 * without making the event object: the proxy needs two numbers, not the event. Which ids an event has comes from its
 * payload type ({@link ProjectScoped}, {@link ExecutorAddressed}); their values are the top-level JSON fields named
 * after those interfaces' accessors, as Jackson writes the domain's records. A type this proxy does not know, or bytes
 * it cannot read, give no ids ({@code _} in the routing key): such an event still goes out rather than block every
 * event behind it.
 */
final class RoutingIds {

    static final String PROJECT = "projectId";
    static final String EXECUTOR = "executorId";
    static final RoutingIds NONE = new RoutingIds(null, null);

    private static final JsonFactory JSON = new JsonFactory();
    private static final Map<String, Scope> SCOPES = new ConcurrentHashMap<>();

    private final Long projectId;
    private final Long executorId;

    private RoutingIds(Long projectId, Long executorId) {
        this.projectId = projectId;
        this.executorId = executorId;
    }

    Long projectId() {
        return projectId;
    }

    Long executorId() {
        return executorId;
    }

    /** Which of the two ids a payload type carries. */
    private record Scope(boolean project, boolean executor) {
        static final Scope UNKNOWN = new Scope(false, false);

        static Scope of(String payloadType) {
            try {
                Class<?> type = Class.forName(payloadType, false, RoutingIds.class.getClassLoader());
                return new Scope(ProjectScoped.class.isAssignableFrom(type),
                        ExecutorAddressed.class.isAssignableFrom(type));
            } catch (ClassNotFoundException | LinkageError e) {
                return UNKNOWN;
            }
        }
    }

    /**
     * @throws IOException when the payload is not a JSON object or an id it must have is missing or not a whole
     *                     number; the caller publishes the event without ids then
     */
    static RoutingIds read(String payloadType, byte[] payload) throws IOException {
        Scope scope = SCOPES.computeIfAbsent(payloadType, Scope::of);
        if (!scope.project() && !scope.executor()) {
            return NONE;
        }
        Long project = null;
        Long executor = null;
        try (JsonParser parser = JSON.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the payload is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (scope.project() && PROJECT.equals(name)) {
                    project = id(parser, value, name);
                } else if (scope.executor() && EXECUTOR.equals(name)) {
                    executor = id(parser, value, name);
                } else {
                    parser.skipChildren();
                }
            }
            // read to its end: bytes that are not JSON give no ids, as when the whole event could not be read
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                throw new IOException("the payload is not a JSON object");
            }
        }
        if (scope.project() && project == null || scope.executor() && executor == null) {
            throw new IOException("the payload has no " + (scope.project() && project == null ? PROJECT : EXECUTOR));
        }
        return new RoutingIds(project, executor);
    }

    private static long id(JsonParser parser, JsonToken value, String name) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT) {
            throw new IOException(name + " is not a whole number");
        }
        return parser.getLongValue();
    }
}
