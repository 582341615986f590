package org.tributary.runner.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code GET /executor_api/jobs/{id}/files}: one file to place in the job folder. {@code content} is a URL fetched
 * with a plain GET and no auth header.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JobFile(String name, String content, String contentHash, boolean isExecutable) {
}
