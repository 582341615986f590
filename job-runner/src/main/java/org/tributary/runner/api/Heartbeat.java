package org.tributary.runner.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code POST /executor_api/jobs/{id}/heartbeat}: the last 100 lines of the job's log. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Heartbeat(String logTail) {
}
