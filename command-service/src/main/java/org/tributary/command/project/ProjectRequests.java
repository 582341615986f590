package org.tributary.command.project;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.tributary.domain.shared.ContainerSpec;
import org.tributary.domain.shared.GpuKind;
import org.tributary.domain.shared.ParameterDefinition;
import org.tributary.domain.shared.ParameterType;
import org.tributary.domain.shared.ProcessingMode;
import org.tributary.domain.shared.Priority;
import org.tributary.domain.shared.PullPolicy;
import org.tributary.domain.shared.RunnerMode;

import java.util.List;
import java.util.Map;

/**
 * Request and response bodies of the project endpoints, in the API's snake_case. Enums arrive as strings and are
 * parsed by the domain, so an unknown value is refused with the field named.
 */
final class ProjectRequests {

    private ProjectRequests() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreateProjectBody(String name, Long executorId) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ProjectCreatedBody(long id, String name, Long executorId, long mainDataLayerId, long version) {
    }

    /** @param active false switches the project off (its jobs wait undispatched), true on again */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UpdateProjectBody(Long executorId, Long version, Boolean active) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ContainerBody(String image, String script, String memory, Integer cores, Integer gpus, String gpuKind,
                         Integer timeLimitMinutes, String priority, String imagePullPolicy, Integer parallelJobs,
                         String runner) {

        ContainerSpec toSpec() {
            return new ContainerSpec(image, script, memory, cores == null ? 1 : cores, gpus == null ? 0 : gpus,
                    gpuKind == null || gpuKind.isBlank() ? null : GpuKind.of(gpuKind),
                    timeLimitMinutes == null ? 0 : timeLimitMinutes,
                    priority == null ? null : Priority.of(priority),
                    imagePullPolicy == null || imagePullPolicy.isBlank() ? null : PullPolicy.of(imagePullPolicy),
                    parallelJobs == null ? 0 : parallelJobs,
                    runner == null || runner.isBlank() ? null : RunnerMode.of(runner));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreateNodeBody(String label, String kind, ContainerBody container, Double x, Double y, Long executorId,
                          Long version, String processing) {

        ProcessingMode processingMode() {
            return processing == null ? null : ProcessingMode.of(processing);
        }
    }

    /** @param processing {@code auto} or {@code manual} (a compute node's packages wait for a user's request) */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UpdateNodeBody(String label, ContainerBody container, Double x, Double y, Long executorId, Long version,
                          String processing) {

        ProcessingMode processingMode() {
            return processing == null ? null : ProcessingMode.of(processing);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ParameterBody(String name, String label, String type, Object defaultValue, Map<String, Object> config) {

        ParameterDefinition toDefinition(int index) {
            if (type == null) {
                throw new org.tributary.domain.shared.InvalidInput("parameters[" + index + "].type",
                        "parameters[" + index + "].type is required");
            }
            return new ParameterDefinition(name, label, ParameterType.of(type), defaultValue, config);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ParametersBody(List<ParameterBody> parameters, Long version) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ParameterValuesBody(Map<String, Object> values, Long version) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ActivityBody(Boolean active, Long version) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreateLinkBody(Long fromNodeId, Long toNodeId, String type, String packageFilter,
                          Map<String, String> mapping, Long version) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreateDataLayerBody(String label, String kind, Long version, String description, Boolean isPersonal) {
    }

    /** What an edit answers: the id it made or touched, and the project's version after it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Edited(Long id, long version) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record NodeFileBody(String name, String contentHash, long size, boolean isExecutable, String type, long version) {
    }
}
