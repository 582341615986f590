package org.tributary.domain.user;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tributary.domain.shared.Ids;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.user.api.ChangeUserProfile;
import org.tributary.domain.user.api.RegisterUser;
import org.tributary.domain.user.api.UserProfileChanged;
import org.tributary.domain.user.api.UserRegistered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tributary.domain.Refusals.refusal;

/** An account: a login that is one whatever its case, a display name, an email; no credential. */
class UserTest {

    static final UserRegistered ADA = new UserRegistered(5, "ada", "Ada Lovelace", "ada@example.org", false);

    private FixtureConfiguration<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        fixture.registerInjectableResource((Ids) kind -> 5);
    }

    @Test
    void aUserIsRegisteredWithTheLoginInLowerCase() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(null, " Ada ", " Ada Lovelace ", " ada@example.org ", false))
                .expectEvents(ADA);
    }

    @Test
    void theFirstAccountMayBeAnAdmin() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(9L, "root", "Administrator", "root@lab.example.org", true))
                .expectEvents(new UserRegistered(9, "root", "Administrator", "root@lab.example.org", true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "-ada", "ada lovelace", "ada@lab", "ädä", ""})
    void aLoginOutsideItsAlphabetIsRefused(String login) {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(null, login, "Ada", "ada@example.org", false))
                .expectException(refusal(InvalidInput.class, "login"));
    }

    @Test
    void aLoginOfFortyCharactersPassesAndOneMoreIsRefused() {
        assertThat(User.login("a".repeat(40))).hasSize(40);
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(null, "a".repeat(41), "Ada", "ada@example.org", false))
                .expectException(refusal(InvalidInput.class, "login"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada", "ada@", "@example.org", "ada@example", "ada@@example.org", "a da@example.org",
            "ada@example..org"})
    void anEmailThatIsNoAddressIsRefused(String email) {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(null, "ada", "Ada", email, false))
                .expectException(refusal(InvalidInput.class, "email"));
    }

    @Test
    void anEmailOfTheLongestLengthPassesAndOneMoreIsRefused() {
        String domain = "d".repeat(63) + "." + "e".repeat(63) + "." + "f".repeat(63) + ".org";
        String longest = "a".repeat(User.MAX_EMAIL - domain.length() - 1) + "@" + domain;
        assertThat(longest).hasSize(User.MAX_EMAIL);
        assertThat(User.email(longest)).isEqualTo(longest);
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(null, "ada", "Ada", "a" + longest, false))
                .expectException(refusal(InvalidInput.class, "email"));
    }

    @Test
    void aDisplayNameIsNeeded() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(null, "ada", " ", "ada@example.org", false))
                .expectException(refusal(InvalidInput.class, "display_name"));
    }

    @Test
    void theProfileChanges() {
        fixture.given(ADA)
                .when(new ChangeUserProfile(5, "Ada King", null))
                .expectEvents(new UserProfileChanged(5, "Ada King", "ada@example.org"));
        fixture.given(ADA)
                .when(new ChangeUserProfile(5, null, "countess@example.org"))
                .expectEvents(new UserProfileChanged(5, "Ada Lovelace", "countess@example.org"));
    }

    @Test
    void aChangeThatChangesNothingIsANoOp() {
        fixture.given(ADA)
                .when(new ChangeUserProfile(5, " Ada Lovelace ", "ada@example.org"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(ADA)
                .when(new ChangeUserProfile(5, null, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aChangedProfileIsCheckedAsANewOne() {
        fixture.given(ADA)
                .when(new ChangeUserProfile(5, null, "not-an-address"))
                .expectException(refusal(InvalidInput.class, "email"));
        fixture.given(ADA, new UserProfileChanged(5, "Ada King", "ada@example.org"))
                .when(new ChangeUserProfile(5, "Ada King", null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
