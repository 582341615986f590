package org.tributary.domain.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Who speaks the job contract inside a node's container on Kubernetes: the job library in the image
 * ({@code rndflow-execute}), or Tributary's runner, copied in by an init container. A node without one uses its
 * executor's choice.
 */
public enum RunnerMode {
    LIBRARY("library"), INJECTED("injected");

    private final String wireName;

    RunnerMode(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static RunnerMode of(String value) {
        for (RunnerMode mode : values()) {
            if (mode.wireName.equals(value)) {
                return mode;
            }
        }
        throw new InvalidInput("container.runner", "container.runner must be library or injected");
    }
}
