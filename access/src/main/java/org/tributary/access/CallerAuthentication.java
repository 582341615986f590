package org.tributary.access;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

import java.time.Instant;
import java.util.Optional;

/** A checked credential, as Spring Security holds it for the request. */
public class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;
    private final Instant expiresAt;

    public CallerAuthentication(Caller caller) {
        this(caller, null);
    }

    /** @param expiresAt when the credential stops working (an access token's expiry); null: not known here */
    public CallerAuthentication(Caller caller, Instant expiresAt) {
        super(caller.admin() ? AuthorityUtils.createAuthorityList("ROLE_ADMIN") : AuthorityUtils.NO_AUTHORITIES);
        this.caller = caller;
        this.expiresAt = expiresAt;
        setAuthenticated(true);
    }

    /** When the credential stops working, where it says so (what outlives the request must not outlive it). */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.principal();
    }
}
