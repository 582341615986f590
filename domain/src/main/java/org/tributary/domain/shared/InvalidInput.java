package org.tributary.domain.shared;

/** The input itself is malformed or breaks a rule that does not depend on current state (HTTP 400). */
public final class InvalidInput extends DomainException {
    public InvalidInput(String field, String message) {
        super(field, message);
    }
}
