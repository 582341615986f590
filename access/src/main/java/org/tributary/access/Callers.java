package org.tributary.access;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The caller of the request this thread serves; {@link Caller#ANONYMOUS} outside one or without credentials. */
public final class Callers {

    private Callers() {
    }

    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof CallerAuthentication c ? c.getPrincipal() : Caller.ANONYMOUS;
    }
}
