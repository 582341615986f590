package org.tributary.domain.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public enum DataLayerKind {
    SHARED,PERSONAL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static DataLayerKind of(String value) {
        return org.tributary.domain.shared.WireEnums.parse(DataLayerKind.class, "kind", value);
    }
}
