package org.tributary.query.project;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/**
 * @param version the project aggregate's version, to send back to command-service as If-Match / {@code version}
 * @param active  false while the project is switched off: its jobs wait undispatched
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProjectView(long id, String name, Long executorId, long version, Instant createdAt, boolean active,
                          String label, String description) {

    /** {@code label}: the name, as the original platform's clients read it; no description is kept yet. */
    public ProjectView(long id, String name, Long executorId, long version, Instant createdAt, boolean active) {
        this(id, name, executorId, version, createdAt, active, name, "");
    }
}
