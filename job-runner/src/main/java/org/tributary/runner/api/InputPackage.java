package org.tributary.runner.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** {@code GET /executor_api/jobs/{id}/packages}: one input package. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InputPackage(long id, String label, List<Field> fields) {

    public InputPackage {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
