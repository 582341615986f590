package org.tributary.access;

import java.util.Optional;

/**
 * Resolves the service's opaque credentials — an API key {@code trb_k_<id>_<secret>}, an executor's
 * {@code trb_e_<id>_<secret>} — to their caller. Empty for an unknown, revoked, expired or wrong one: all are 401.
 */
public interface OpaqueCredentials {

    String PREFIX = "trb_";

    Optional<Caller> resolve(String credential);
}
