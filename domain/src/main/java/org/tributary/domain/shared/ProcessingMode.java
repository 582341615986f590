package org.tributary.domain.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether a compute node makes a job for each package that arrives ({@code auto}, the default) or keeps its
 * packages until a user asks it to process chosen ones ({@code manual}).
 */
public enum ProcessingMode {
    AUTO, MANUAL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static ProcessingMode of(String value) {
        return WireEnums.parse(ProcessingMode.class, "processing", value);
    }
}
