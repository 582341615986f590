package org.tributary.domain.shared;

/** The input names something that does not exist (HTTP 404). */
public final class NotFound extends DomainException {
    public NotFound(String field, String message) {
        super(field, message);
    }
}
