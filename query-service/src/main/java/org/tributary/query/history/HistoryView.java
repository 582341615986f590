package org.tributary.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/**
 * One line of a project's history.
 *
 * @param id             its place in the history (ascending in the order the events were handled)
 * @param principal      who did it ({@code user:7}, {@code key:3}, {@code executor:2}); null when the event's writer
 *                       named no one (before accounts, or the platform itself: routing, timers)
 * @param data           the event itself, as stored (a secret's sealed value left out)
 * @param projectVersion for an edit of the project's graph, the project's version after it (what the next edit must
 *                       send); null for other events
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HistoryView(long id, Instant at, String type, String words, Long nodeId, Long jobId, String principal,
                          JsonNode data, Long projectVersion) {
}
