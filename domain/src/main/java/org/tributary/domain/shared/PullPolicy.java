package org.tributary.domain.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Kubernetes image pull policy; a node without one uses its executor's default. */
public enum PullPolicy {
    ALWAYS("Always"), IF_NOT_PRESENT("IfNotPresent"), NEVER("Never");

    private final String wireName;

    PullPolicy(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static PullPolicy of(String value) {
        for (PullPolicy p : values()) {
            if (p.wireName.equals(value)) {
                return p;
            }
        }
        throw new InvalidInput("container.image_pull_policy",
                "container.image_pull_policy must be one of Always, IfNotPresent, Never");
    }
}
