package org.tributary.domain.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public enum ParameterType {
    STRING,NUMBER,SLIDER,RANGE,TOGGLE,DATE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static ParameterType of(String value) {
        return org.tributary.domain.shared.WireEnums.parse(ParameterType.class, "type", value);
    }
}
