package org.tributary.domain.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a package came to its node: uploaded by a user, produced there by a job, or delivered along a link. */
public enum PackageOrigin {
    UPLOADED,PRODUCED,DELIVERED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static PackageOrigin of(String value) {
        return org.tributary.domain.shared.WireEnums.parse(PackageOrigin.class, "origin", value);
    }
}
