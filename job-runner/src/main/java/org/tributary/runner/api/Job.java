package org.tributary.runner.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** {@code GET /executor_api/jobs/{id}}: the job as the runner needs it. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Job(long id, List<Field> fields, boolean isInteractive, Node node) {

    public Job {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** The part of the job's node the runner uses. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Node(Long id, String script) {
    }
}
