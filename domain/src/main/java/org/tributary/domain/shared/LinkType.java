package org.tributary.domain.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public enum LinkType {
    PUSH,PULL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static LinkType of(String value) {
        return org.tributary.domain.shared.WireEnums.parse(LinkType.class, "type", value);
    }
}
