package org.tributary.gateway.interactive;

/** A browser's request to an interactive job from a page that is not the platform's (see {@link SameOrigin}). */
public final class CrossOrigin extends RuntimeException {
    CrossOrigin(String origin) {
        super("requests to an interactive job must come from the platform's own pages, not from " + origin);
    }
}
