package org.tributary.access;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.time.Instant;
import java.util.Optional;

/** The caller of the request this thread serves; {@link Caller#ANONYMOUS} outside one or without credentials. */
public final class Callers {

    private Callers() {
    }

    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof CallerAuthentication c ? c.getPrincipal() : Caller.ANONYMOUS;
    }

    /** When the current caller's credential stops working, where it says so. */
    public static Optional<Instant> expiresAt() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof CallerAuthentication c ? c.expiresAt() : Optional.empty();
    }
}
