package org.tributary.query.executor;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.Map;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ExecutorView(long id, String label, Capabilities capabilities) {

    /**
     * @param gpus           GPU counts by kind ({@code nvidia}, {@code amd})
     * @param maxRunningJobs 0 for no limit
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Capabilities(Map<String, Integer> gpus, int maxRunningJobs) {
    }
}
