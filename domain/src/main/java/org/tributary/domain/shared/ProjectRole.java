package org.tributary.domain.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a member (or an API key) may do in a project, each role including the one before it: a {@code viewer} reads;
 * an {@code editor} also edits the graph, posts packages, runs and cancels jobs, sets secrets; an {@code owner} also
 * adds and removes members and changes their roles.
 */
public enum ProjectRole {
    VIEWER, EDITOR, OWNER;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static ProjectRole of(String value) {
        return WireEnums.parse(ProjectRole.class, "role", value);
    }

    /** Whether this role includes {@code other}'s rights. */
    public boolean includes(ProjectRole other) {
        return compareTo(other) >= 0;
    }
}
