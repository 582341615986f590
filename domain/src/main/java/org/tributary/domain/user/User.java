package org.tributary.domain.user;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.tributary.domain.shared.Check;
import org.tributary.domain.shared.Ids;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.user.api.ChangeUserProfile;
import org.tributary.domain.user.api.RegisterUser;
import org.tributary.domain.user.api.UserProfileChanged;
import org.tributary.domain.user.api.UserRegistered;

import java.util.Locale;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A user account: login, display name, email, and whether it administers the platform. Credentials are not part of
 * it: they are kept by command-service outside the event store (docs/decisions/0015).
 */
public class User {

    /** Lower-case letters, digits, {@code .}, {@code _} and {@code -}; 3 to 40, starting with a letter or digit. */
    static final Pattern LOGIN = Pattern.compile("[a-z0-9][a-z0-9._-]{2,39}");
    /** An address with one {@code @}, a dot in its domain, and no spaces: enough to catch a typo, not to prove it. */
    static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
    static final int MAX_EMAIL = 254;

    // boxed: null until the creating event is applied, so Axon resolves the first event's aggregate id lazily
    @AggregateIdentifier
    private Long userId;
    private String displayName;
    private String email;

    User() {
        // sourced from events
    }

    @CommandHandler
    User(RegisterUser command, Ids ids) {
        String login = login(command.login());
        String name = Check.notBlank("display_name", command.displayName(), 100).strip();
        String mail = email(command.email());
        apply(new UserRegistered(ids.orNext(command.userId(), Ids.Kind.AGGREGATE), login, name, mail,
                command.admin()));
    }

    /** A change that changes nothing is a no-op. */
    @CommandHandler
    void handle(ChangeUserProfile command) {
        String name = command.displayName() == null ? displayName
                : Check.notBlank("display_name", command.displayName(), 100).strip();
        String mail = command.email() == null ? email : email(command.email());
        if (!name.equals(displayName) || !mail.equals(email)) {
            apply(new UserProfileChanged(userId, name, mail));
        }
    }

    /** The login as kept: trimmed and lower-case, so that {@code Alice} and {@code alice} are one account. */
    public static String login(String login) {
        String value = Check.notBlank("login", login, 40).strip().toLowerCase(Locale.ROOT);
        if (!LOGIN.matcher(value).matches()) {
            throw new InvalidInput("login", "login must be 3 to 40 lower-case letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit");
        }
        return value;
    }

    static String email(String email) {
        String value = Check.notBlank("email", email, MAX_EMAIL).strip();
        if (!EMAIL.matcher(value).matches()) {
            throw new InvalidInput("email", "email must be an address such as ada@example.org");
        }
        return value;
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        userId = event.userId();
        displayName = event.displayName();
        email = event.email();
    }

    @EventSourcingHandler
    void on(UserProfileChanged event) {
        displayName = event.displayName();
        email = event.email();
    }
}
