package org.tributary.command.auth;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.access.Access;
import org.tributary.access.Caller;
import org.tributary.access.Callers;
import org.tributary.access.Refusals;
import org.tributary.command.auth.AuthRequests.LoginBody;
import org.tributary.command.auth.AuthRequests.PasswordBody;
import org.tributary.command.auth.AuthRequests.RefreshBody;
import org.tributary.command.auth.AuthRequests.RegisterBody;
import org.tributary.command.auth.AuthRequests.RegistrationBody;
import org.tributary.command.auth.AuthRequests.TokensBody;
import org.tributary.command.auth.AuthRequests.UserBody;
import org.tributary.domain.shared.Check;
import org.tributary.webedge.RefusedRequest;

import java.time.Duration;
import java.util.Map;

/**
 * Accounts and sessions: register, log in (a short-lived access token and a rotating refresh token), refresh, log
 * out, change the password; the JWK set other services check access tokens with.
 */
@RestController
class AuthController {

    private final Accounts accounts;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final LoginThrottle throttle;
    private final PlatformSettings settings;
    private final SigningKeys keys;
    private final OidcSignIn oidc;

    AuthController(Accounts accounts, AccessTokens accessTokens, RefreshTokens refreshTokens, LoginThrottle throttle,
                   PlatformSettings settings, SigningKeys keys, OidcSignIn oidc) {
        this.oidc = oidc;
        this.accounts = accounts;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.throttle = throttle;
        this.settings = settings;
        this.keys = keys;
    }

    /** Anyone while registration is open; otherwise an admin registers users. Only an admin makes admins. */
    @PostMapping("/api/auth/register")
    @Access(Access.Rule.PUBLIC)
    ResponseEntity<UserBody> register(@RequestBody RegisterBody body) {
        Check.notNull("body", body);
        Caller caller = Callers.current();
        boolean admin = Boolean.TRUE.equals(body.admin());
        if (!caller.admin()) {
            if (!oidc.localPasswords()) {
                throw Refusals.forbidden("Accounts come from the sign-in provider " + oidc.issuer()
                        + " (POST /api/auth/oidc); an admin registers local ones");
            }
            if (!settings.openRegistration()) {
                if (caller.kind() == Caller.Kind.ANONYMOUS) {
                    throw Refusals.unauthenticated();
                }
                throw Refusals.forbidden("Registration is closed: an admin registers new users");
            }
            if (admin) {
                throw new RefusedRequest(HttpStatus.FORBIDDEN, "admin", "Only an admin may make an admin");
            }
        }
        Account account = accounts.register(body.login(), body.password(), body.displayName(), body.email(), admin);
        return ResponseEntity.status(HttpStatus.CREATED).body(new UserBody(account.userId(), account.login(),
                body.displayName().strip(), body.email().strip(), account.admin()));
    }

    @PostMapping("/api/auth/login")
    @Access(Access.Rule.PUBLIC)
    ResponseEntity<TokensBody> login(@RequestBody LoginBody body, HttpServletRequest request) {
        Check.notNull("body", body);
        return ResponseEntity.ok(passwordLogin(body.login(), body.password(), "login", request));
    }

    /**
     * The original platform's token login for scripts: {@code {"username", "password"}} → the same tokens as
     * {@code /api/auth/login}. A stale or placeholder {@code Authorization} header some clients send along is ignored
     * (tributary.security.own-credential-paths).
     */
    @PostMapping("/api/auth/tokens")
    @Access(Access.Rule.PUBLIC)
    ResponseEntity<TokensBody> tokenLogin(@RequestBody AuthRequests.TokenLoginBody body, HttpServletRequest request) {
        Check.notNull("body", body);
        return ResponseEntity.ok(passwordLogin(body.username(), body.password(), "username", request));
    }

    /** The original platform's refresh: the refresh token as the bearer token, the rotated pair in the answer. */
    @PostMapping("/api/auth/tokens/refresh")
    @Access(Access.Rule.PUBLIC)
    ResponseEntity<TokensBody> tokenRefresh(
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        String bearer = authorization == null ? null : authorization.strip();
        if (bearer == null || !bearer.regionMatches(true, 0, "Bearer ", 0, 7) || bearer.substring(7).isBlank()) {
            throw Refusals.unauthenticated("refresh_token",
                    "Send the refresh token as Authorization: Bearer <token>");
        }
        return refresh(new RefreshBody(bearer.substring(7).strip()));
    }

    private TokensBody passwordLogin(String login, String password, String field, HttpServletRequest request) {
        Check.notNull(field, login);
        String address = request.getRemoteAddr();
        Duration wait = throttle.waitFor(login, address);
        if (!wait.isZero() && !wait.isNegative()) {
            RefusedRequest refusal = new RefusedRequest(HttpStatus.TOO_MANY_REQUESTS, field,
                    "Too many failed logins; try again in " + Math.max(1, wait.toSeconds()) + " s");
            refusal.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait.toSeconds())));
            throw refusal;
        }
        Account account = accounts.authenticate(login, password).orElse(null);
        if (account == null) {
            throttle.failed(login, address);
            throw Refusals.unauthenticated("password", "The login or the password is wrong");
        }
        if (!oidc.localPasswords() && !account.admin()) {
            throw new RefusedRequest(HttpStatus.FORBIDDEN, field, "Sign in through " + oidc.issuer()
                    + " (POST /api/auth/oidc with its ID token); only admins use a password here");
        }
        throttle.succeeded(login);
        return tokens(account, refreshTokens.start(account.userId()));
    }

    /**
     * Trades the OpenID Connect provider's ID token for Tributary's access and refresh tokens; the account is made
     * on the first sign-in from the token's claims (login, name, email).
     */
    @PostMapping("/api/auth/oidc")
    @Access(Access.Rule.PUBLIC)
    ResponseEntity<TokensBody> oidc(@RequestBody AuthRequests.OidcBody body) {
        Check.notNull("body", body);
        Check.notNull("id_token", body.idToken());
        if (!oidc.configured()) {
            throw new RefusedRequest(HttpStatus.NOT_FOUND, "id_token", "This platform has no OpenID Connect "
                    + "provider (tributary.security.oidc.issuer)");
        }
        Account account = oidc.account(body.idToken()).orElseThrow(() -> Refusals.unauthenticated("id_token",
                "The provider's ID token is not valid here: malformed, expired, not signed by " + oidc.issuer()
                        + " or not for this platform"));
        return ResponseEntity.ok(tokens(account, refreshTokens.start(account.userId())));
    }

    @PostMapping("/api/auth/refresh")
    @Access(Access.Rule.PUBLIC)
    ResponseEntity<TokensBody> refresh(@RequestBody RefreshBody body) {
        Check.notNull("body", body);
        Check.notNull("refresh_token", body.refreshToken());
        Map.Entry<Long, String> next = refreshTokens.rotate(body.refreshToken()).orElseThrow(() ->
                Refusals.unauthenticated("refresh_token",
                        "The refresh token is unknown, used, revoked or expired; log in again"));
        Account account = accounts.find(next.getKey()).orElseThrow(() ->
                Refusals.unauthenticated("refresh_token", "The account is gone"));
        return ResponseEntity.ok(tokens(account, next.getValue()));
    }

    /** Ends the session the refresh token belongs to; access tokens already handed out live out their minutes. */
    @PostMapping("/api/auth/logout")
    @Access(Access.Rule.PUBLIC)
    ResponseEntity<Void> logout(@RequestBody RefreshBody body) {
        Check.notNull("body", body);
        refreshTokens.revoke(Check.notNull("refresh_token", body.refreshToken()));
        return ResponseEntity.noContent().build();
    }

    /** A new password ends every session of the user (their refresh tokens stop working). */
    @PutMapping("/api/auth/password")
    @Access(Access.Rule.USER)
    ResponseEntity<Void> changePassword(@RequestBody PasswordBody body) {
        Check.notNull("body", body);
        Caller caller = Callers.current();
        Account account = accounts.find(caller.id()).orElseThrow(Refusals::unauthenticated);
        if (!accounts.passwordMatches(account, body.currentPassword())) {
            throw new RefusedRequest(HttpStatus.FORBIDDEN, "current_password", "current_password is wrong");
        }
        accounts.changePassword(caller.id(), body.newPassword());
        refreshTokens.revokeAll(caller.id());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/auth/jwks")
    @Access(Access.Rule.PUBLIC)
    Map<String, Object> jwks() {
        return keys.publicSet().toJSONObject(true);
    }

    @PutMapping("/api/admin/registration")
    @Access(Access.Rule.ADMIN)
    RegistrationBody registration(@RequestBody RegistrationBody body) {
        Check.notNull("body", body);
        settings.openRegistration(Check.notNull("open", body.open()));
        return new RegistrationBody(settings.openRegistration());
    }

    private TokensBody tokens(Account account, String refreshToken) {
        AccessTokens.Issued access = accessTokens.issue(account);
        return new TokensBody(access.token(), "Bearer",
                Duration.between(java.time.Instant.now(), access.expiresAt()).toSeconds(), access.expiresAt(),
                refreshToken, refreshTokens.ttl().toSeconds(), account.userId(), account.login(), account.admin());
    }
}
