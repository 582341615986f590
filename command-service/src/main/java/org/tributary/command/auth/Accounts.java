package org.tributary.command.auth;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.tributary.command.web.Commands;
import org.tributary.domain.shared.Conflict;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.user.User;
import org.tributary.domain.user.api.RegisterUser;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Accounts: the User aggregate (login, name, email, admin: events) and, beside it in the same transaction, the
 * login with its password hash ({@code account}, Spring Security's delegating encoder). Logins are unique here.
 */
@Component
public class Accounts {

    /** Long enough to resist guessing with the throttle in front; bcrypt reads at most 72 bytes. */
    public static final int MIN_PASSWORD = 10;
    public static final int MAX_PASSWORD_BYTES = 72;

    private static final RowMapper<Account> ROWS = (rs, i) -> new Account(rs.getLong("user_id"),
            rs.getString("login"), rs.getString("password_hash"), rs.getBoolean("admin"));

    private final JdbcTemplate jdbc;
    private final Commands commands;
    private final PasswordEncoder passwords;
    private final Clock clock;
    /** A hash of nothing anyone knows, checked when the login is unknown. */
    private final String unknownHash;

    public Accounts(JdbcTemplate jdbc, Commands commands, PasswordEncoder passwords, Clock clock) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.passwords = passwords;
        this.clock = clock;
        this.unknownHash = passwords.encode(java.util.UUID.randomUUID().toString());
    }

    /** Registers a user; the event and the account row are written together or not at all. */
    @Transactional
    public Account register(String login, String password, String displayName, String email, boolean admin) {
        String hash = passwords.encode(checkPassword("password", password));
        return create(User.login(login), hash, displayName, email, admin, null, null);
    }

    /**
     * Registers the user an OpenID Connect provider's subject is, with no password here; in the same
     * transaction as the caller's, so a refused login writes nothing.
     */
    @Transactional
    public Account register(String issuer, String subject, String login, String displayName, String email) {
        return create(User.login(login), null, displayName, email, false, issuer, subject);
    }

    private Account create(String login, String hash, String displayName, String email, boolean admin,
                           String issuer, String subject) {
        if (find(login).isPresent()) {
            throw new Conflict("login", "the login " + login + " is taken");
        }
        long userId = Long.parseLong(commands.send(new RegisterUser(null, login, displayName, email, admin))
                .toString());
        try {
            jdbc.update("INSERT INTO account (user_id, login, password_hash, admin, created_at, password_changed_at,"
                    + " oidc_issuer, oidc_subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", userId, login, hash, admin,
                    now(), now(), issuer, subject);
        } catch (DuplicateKeyException e) {
            throw new Conflict("login", "the login " + login + " is taken");
        }
        return new Account(userId, login, hash, admin);
    }

    /** The account an OpenID Connect provider's subject signed in as before. */
    public Optional<Account> find(String issuer, String subject) {
        return jdbc.query("SELECT * FROM account WHERE oidc_issuer = ? AND oidc_subject = ?", ROWS, issuer, subject)
                .stream().findFirst();
    }

    /** The account whose login and password these are; empty for an unknown login or a wrong password alike. */
    public Optional<Account> authenticate(String login, String password) {
        Account account = login == null ? null
                : find(login.strip().toLowerCase(java.util.Locale.ROOT)).orElse(null);
        return passwordMatches(account, password) ? Optional.of(account) : Optional.empty();
    }

    /**
     * Whether {@code password} is the account's; false for an account of the OpenID Connect provider, which has no
     * password here. As slow for no account as for a wrong password, so that timing does not tell which exist.
     */
    public boolean passwordMatches(Account account, String password) {
        String raw = password == null ? "" : password;
        if (account == null || account.passwordHash() == null) {
            passwords.matches(raw, unknownHash);
            return false;
        }
        return password != null && passwords.matches(raw, account.passwordHash());
    }

    public void changePassword(long userId, String newPassword) {
        jdbc.update("UPDATE account SET password_hash = ?, password_changed_at = ? WHERE user_id = ?",
                passwords.encode(checkPassword("new_password", newPassword)), now(), userId);
    }

    public Optional<Account> find(String login) {
        List<Account> rows = jdbc.query("SELECT * FROM account WHERE login = ?", ROWS, login);
        return rows.stream().findFirst();
    }

    public Optional<Account> find(long userId) {
        return jdbc.query("SELECT * FROM account WHERE user_id = ?", ROWS, userId).stream().findFirst();
    }

    public boolean anyAdmin() {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM account WHERE admin)",
                Boolean.class));
    }

    static String checkPassword(String field, String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new InvalidInput(field, field + " must have at least " + MIN_PASSWORD + " characters");
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new InvalidInput(field, field + " must have at most " + MAX_PASSWORD_BYTES + " bytes");
        }
        if (password.indexOf('\0') >= 0) {
            throw new InvalidInput(field, field + " must not contain NUL");
        }
        return password;
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

}
