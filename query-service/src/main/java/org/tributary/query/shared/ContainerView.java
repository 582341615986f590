package org.tributary.query.shared;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.tributary.domain.shared.ContainerSpec;

/** A compute node's container spec (and a job's snapshot of it), enums in their wire names. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ContainerView(String image, String script, String memory, int cores, int gpus, String gpuKind,
                            int timeLimitMinutes, String priority, String imagePullPolicy, int parallelJobs,
                            String runner) {

    public static ContainerView of(ContainerSpec spec) {
        if (spec == null) {
            return null;
        }
        return new ContainerView(spec.image(), spec.script(), spec.memory(), spec.cores(), spec.gpus(),
                spec.gpuKind() == null ? null : spec.gpuKind().wireName(), spec.timeLimitMinutes(),
                spec.priority() == null ? null : spec.priority().wireName(),
                spec.imagePullPolicy() == null ? null : spec.imagePullPolicy().wireName(), spec.parallelJobs(),
                spec.runner() == null ? null : spec.runner().wireName());
    }
}
