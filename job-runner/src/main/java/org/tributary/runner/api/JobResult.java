package org.tributary.runner.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * The final {@code PUT /executor_api/jobs/{id}}: the script's exit code as a string ({@code "0"}, {@code "3"}) and
 * the whole uploaded job tree except {@code in/}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobResult(String status, List<ReportedFile> files) {

    public JobResult {
        files = List.copyOf(files);
    }
}
