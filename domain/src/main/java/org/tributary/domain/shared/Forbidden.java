package org.tributary.domain.shared;

/** The caller is known but its role does not allow this (HTTP 403). */
public final class Forbidden extends DomainException {
    public Forbidden(String field, String message) {
        super(field, message);
    }
}
