package org.tributary.query.shared;

/** The one tracking processor that writes the whole read model, in event order. */
public final class Projections {

    public static final String GROUP = "projections";

    private Projections() {
    }
}
