package org.tributary.domain.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Scheduling priority of a node's jobs. */
public enum Priority {
    LOW, NORMAL, HIGH;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static Priority of(String value) {
        for (Priority p : values()) {
            if (p.name().equalsIgnoreCase(value)) {
                return p;
            }
        }
        throw new InvalidInput("container.priority", "container.priority must be one of low, normal, high");
    }
}
