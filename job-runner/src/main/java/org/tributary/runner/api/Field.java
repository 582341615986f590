package org.tributary.runner.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/** A named JSON value: a job parameter or a package field. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Field(String name, JsonNode value) {
}
