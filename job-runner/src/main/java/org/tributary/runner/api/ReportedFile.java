package org.tributary.runner.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One file of the uploaded job tree, as listed in the final {@code PUT /executor_api/jobs/{id}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReportedFile(String name, String type, String contentHash, boolean isExecutable, boolean isBinary,
                           long size) {
}
