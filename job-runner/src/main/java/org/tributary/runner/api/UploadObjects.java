package org.tributary.runner.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** {@code POST /executor_api/jobs/{id}/upload_objects}: the SHA-256 hashes the runner wants to store. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UploadObjects(List<String> objects, boolean checkExists) {

    public UploadObjects {
        objects = List.copyOf(objects);
    }
}
