package org.tributary.domain.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A project secret's use: a variable reaches a job's script as {@code RNDFLOW_SECRET_<NAME>}; registry credentials
 * let the cluster pull the node's image (an image pull secret).
 */
public enum SecretKind {
    VARIABLE("variable"), REGISTRY("registry");

    private final String wireName;

    SecretKind(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static SecretKind of(String value) {
        for (SecretKind kind : values()) {
            if (kind.wireName.equals(value)) {
                return kind;
            }
        }
        throw new InvalidInput("kind", "kind must be variable or registry");
    }
}
