package org.tributary.domain.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A compute node runs a container per package; a data node keeps its packages. */
public enum NodeKind {
    COMPUTE,DATA;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static NodeKind of(String value) {
        return org.tributary.domain.shared.WireEnums.parse(NodeKind.class, "kind", value);
    }
}
