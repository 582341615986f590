package org.tributary.domain.shared;

/**
 * A command refused by a rule of the model. Nothing is written when one is thrown.
 * Each kind maps to one HTTP status; {@link #field()} names the input that caused it.
 */
public abstract sealed class DomainException extends RuntimeException
        permits InvalidInput, NotFound, Conflict, Forbidden {

    private final String field;

    protected DomainException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field (dotted path) the refusal is about, e.g. {@code container.memory}. */
    public String field() {
        return field;
    }
}
