package org.tributary.command.auth;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tributary.webedge.IpLiterals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code tributary.security.login-attempts} failed logins (5 by default) for one
 * login, or {@code tributary.security.address-attempts} (50) from one address (a whole lab may share one), within
 * {@code tributary.security.login-window} (5 minutes), further attempts are refused (429) until the oldest failure
 * leaves the window. A success clears the login's failures. In memory, per
 * replica; bounded so that a flood of made-up logins cannot fill it. The address is the client's as the gateway saw
 * it, or as a proxy it trusts says (it replaces a client's own {@code X-Forwarded-For}); an IPv6 client counts by
 * its /64.
 */
@Component
public class LoginThrottle {

    static final int MAX_TRACKED = 100_000;
    /** The longest login an account may have ({@code User.login}). */
    static final int MAX_LOGIN = 40;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final int attempts;
    private final int addressAttempts;
    private final Duration window;
    private final Clock clock;

    public LoginThrottle(@Value("${tributary.security.login-attempts:5}") int attempts,
                         @Value("${tributary.security.address-attempts:50}") int addressAttempts,
                         @Value("${tributary.security.login-window:PT5M}") Duration window, Clock clock) {
        this.attempts = attempts;
        this.addressAttempts = addressAttempts;
        this.window = window;
        this.clock = clock;
    }

    /** How long until {@code login} from {@code address} may try again; zero when it may now. */
    public Duration waitFor(String login, String address) {
        Instant now = clock.instant();
        Duration wait = waitFor("login:" + normal(login), attempts, now);
        Duration byAddress = waitFor("address:" + network(address), addressAttempts, now);
        return wait.compareTo(byAddress) >= 0 ? wait : byAddress;
    }

    public void failed(String login, String address) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_TRACKED) {
            failures.entrySet().removeIf(e -> expired(e.getValue(), now));
        }
        record("login:" + normal(login), attempts, now);
        record("address:" + network(address), addressAttempts, now);
    }

    public void succeeded(String login) {
        failures.remove("login:" + normal(login));
    }

    private Duration waitFor(String key, int limit, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Duration.ZERO;
        }
        synchronized (times) {
            prune(times, now);
            if (times.size() < limit) {
                return Duration.ZERO;
            }
            return Duration.between(now, times.peekFirst().plus(window));
        }
    }

    private void record(String key, int limit, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times, now);
            times.addLast(now);
            while (times.size() > limit) {
                times.removeFirst();
            }
        }
    }

    private boolean expired(Deque<Instant> times, Instant now) {
        synchronized (times) {
            prune(times, now);
            return times.isEmpty();
        }
    }

    private void prune(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
            times.removeFirst();
        }
    }

    /**
     * The login as accounts keep it; one longer than any account's can be no account's, and is kept no longer than
     * that (a login of megabytes would otherwise be held for the whole window).
     */
    static String normal(String login) {
        String normal = login == null ? "" : login.strip().toLowerCase(java.util.Locale.ROOT);
        return normal.length() > MAX_LOGIN ? normal.substring(0, MAX_LOGIN) + "…" : normal;
    }

    /**
     * Whom an address's failures count against: an IPv4 address, or an IPv6 address's /64 network (one host is
     * given a whole /64, and would otherwise have as many fresh addresses as it liked).
     */
    static String network(String address) {
        byte[] bytes = IpLiterals.parse(address);
        if (bytes == null) {
            return address;
        }
        if (bytes.length == 16) {
            return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
        }
        return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
    }
}
