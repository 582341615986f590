package org.tributary.query.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.tributary.query.shared.ReadModelWrites;
import org.tributary.query.shared.WritePlan;
import org.tributary.domain.project.api.ProjectEvent;
import org.tributary.domain.project.api.ProjectSecretSet;
import org.tributary.domain.shared.ProjectScoped;
import org.tributary.query.live.LiveFeed;
import org.tributary.query.shared.Jsonb;
import org.tributary.query.shared.Projections;
import org.tributary.query.shared.Times;

import java.io.IOException;
import java.time.Instant;

/**
 * Every event that concerns a project becomes a line of its history ({@link HistoryEntries}), with the event as
 * data, as command-service wrote it to the event store (a secret's sealed value left out), and the acting principal
 * from the event's metadata ({@value #PRINCIPAL}), when the writer named one. Followers of the project's live
 * stream are woken once the batch committed ({@link LiveFeed}).
 */
@Component
@ProcessingGroup(Projections.GROUP)
class HistoryProjection {

    /** The metadata key command-service writes the acting principal under ({@code user:7}, {@code key:3}…). */
    static final String PRINCIPAL = "principal";
    private static final String QUOTED_PRINCIPAL = '"' + PRINCIPAL + '"';
    private static final JsonFactory JSON = new JsonFactory();

    private final NamedParameterJdbcTemplate jdbc;
    private final ReadModelWrites writes;
    private final Jsonb json;
    private final LiveFeed live;
    private final Serializer events;

    HistoryProjection(NamedParameterJdbcTemplate jdbc, ReadModelWrites writes, Jsonb json, LiveFeed live,
                      @Qualifier("eventSerializer") Serializer events) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.json = json;
        this.live = live;
        this.events = events;
    }

    @EventHandler
    void on(ProjectScoped event, EventMessage<?> message, @Timestamp Instant at) {
        HistoryEntries.Entry entry = HistoryEntries.of(event);
        String principal = principal(message);
        // an edit of the project's graph: the project's version after it, for a live client's next edit
        Long version = event instanceof ProjectEvent && message instanceof DomainEventMessage<?> domain
                ? domain.getSequenceNumber() : null;
        writes.update("""
                INSERT INTO history (project_id, at, type, words, node_id, job_id, principal, data, project_version)
                VALUES (:project, :at, :type, :words, :node, :job, :principal, CAST(:data AS jsonb), :version)""",
                new MapSqlParameterSource("project", event.projectId()).addValue("at", Times.sql(at))
                        .addValue("type", entry.type()).addValue("words", entry.words())
                        .addValue("node", entry.nodeId()).addValue("job", entry.jobId())
                        .addValue("principal", principal)
                        .addValue("data", data(event, message)).addValue("version", version),
                WritePlan.Key.fresh("history"));
        live.touched(event.projectId());
    }

    /**
     * The acting principal, read from the stored metadata's text: most events of a rebuild name none, and the
     * metadata as a whole is never needed (deserialising it was 7 % of a rebuild's processor thread).
     */
    private String principal(EventMessage<?> message) {
        String metaData = message.serializeMetaData(events, String.class).getData();
        if (!metaData.contains(QUOTED_PRINCIPAL)) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(metaData)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (PRINCIPAL.equals(name)) {
                    return value.isScalarValue() && value != JsonToken.VALUE_NULL ? parser.getValueAsString() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("unreadable metadata of event " + message.getIdentifier(), e);
        }
    }

    private String data(ProjectScoped event, EventMessage<?> message) {
        if (event instanceof ProjectSecretSet) {
            ObjectNode tree = (ObjectNode) json.tree(event);
            tree.remove("value");
            return json.write(tree);
        }
        // the stored payload's own bytes when the event came from the event store: not written as JSON again
        // (half of this handler's time in a rebuild, bench/replay/README.md)
        return message.serializePayload(events, String.class).getData();
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcTemplate().execute("TRUNCATE history RESTART IDENTITY");
    }
}
