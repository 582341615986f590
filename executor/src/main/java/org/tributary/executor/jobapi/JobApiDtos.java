package org.tributary.executor.jobapi;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** The JSON of the executor API (snake_case, as in the job contract). */
final class JobApiDtos {

    private JobApiDtos() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Tokens(String accessToken, String refreshToken) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Field(String name, Object value) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record JobView(long id, List<Field> fields, boolean isInteractive, NodeView node, long projectId,
                   long dataLayerId) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record NodeView(long id, String script, String image, String memory, int cores, int gpus, String gpuKind,
                    int timeLimitMinutes, String priority, String imagePullPolicy) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record FileView(String name, String content, String contentHash, boolean isExecutable, long size, String type) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PackageView(long id, String label, List<Field> fields) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StatusRequest(String status) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UploadRequest(List<String> objects, Boolean checkExists) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UploadLink(String objectId, String link) {
    }

    /** The final PUT: the exit code as a string and the whole uploaded job tree. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record FinalReport(String status, List<ReportedFile> files) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ReportedFile(String name, String type, String contentHash, Boolean isExecutable, Boolean isBinary,
                        Long size) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ErrorReport(String error, String message) {
    }
}
