package org.tributary.domain.shared;

/** The input is well formed but clashes with the current state (HTTP 409). */
public final class Conflict extends DomainException {
    public Conflict(String field, String message) {
        super(field, message);
    }
}
