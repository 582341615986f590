package org.tributary.command.executor;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.tributary.domain.shared.FileRef;

import java.util.List;
import java.util.Map;

/** Bodies of the executor endpoints: registration, and what an executor reports about the jobs it runs. */
final class ExecutorRequests {

    private ExecutorRequests() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CapabilitiesBody(Map<String, Integer> gpus, Integer maxRunningJobs) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RegisterBody(String label, CapabilitiesBody capabilities) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Registered(long id, String label, String credential) {
        @Override
        public String toString() {
            return "Registered[" + id + ", " + label + "]";
        }
    }

    /** The claim's optional body: {@code {"queued": true}} reports the job queued in the same call. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ClaimBody(Boolean queued) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StatusBody(String status) {
    }

    /** A file as the job contract describes it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record FileBody(String name, String contentHash, Long size, Boolean isExecutable, String type) {

        FileRef toRef() {
            return new FileRef(name, contentHash, size == null ? 0 : size, Boolean.TRUE.equals(isExecutable), type);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record OutputBody(String label, Map<String, Object> fields, List<FileBody> files) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CompleteBody(Integer exitCode, List<FileBody> files, List<OutputBody> outputs, String imageDigest) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DeadBody(String message) {
    }

    record WaitingBody(String reason) {
    }

    record ErrorBody(String error, String message, List<FileBody> files) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record EndpointBody(String apiUrl, String readKey) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LogBody(List<FileBody> files) {
    }

    /** @param url where the job's Jupyter listens, as the gateway reaches it */
    record InteractiveBody(String url) {
    }

    /** @param idleMinutes how long the job's Jupyter saw no activity: its idle limit */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record IdleBody(Long idleMinutes) {
    }
}
