package org.tributary.command;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;
import org.tributary.testsupport.TestTokens;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing in through an external OpenID Connect provider: its ID token is traded for Tributary's tokens. */
class OidcSignInTest extends CommandServiceTestBase {

    static JWTClaimsSet.Builder idToken(String subject, String login) {
        return new JWTClaimsSet.Builder().issuer(PROVIDER).audience("tributary").subject(subject)
                .claim("preferred_username", login).claim("email", login + "@example.org").claim("name", "Grace")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300)));
    }

    Answer signIn(JWTClaimsSet claims) {
        return call("POST", "/api/auth/oidc", Map.of("id_token", TestTokens.shared().sign(claims)), null);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    long accountsOf(String subject) {
        return jdbc.queryForObject("SELECT count(*) FROM account WHERE oidc_subject = ?", Long.class, subject);
    }

    @Test
    void theFirstSignInMakesTheAccountAndTheNextFindsIt() {
        String subject = UUID.randomUUID().toString();
        String login = unique("grace");
        Answer first = signIn(idToken(subject, login).build());
        assertThat(first.status()).as("%s", first.body()).isEqualTo(200);
        String token = first.body().get("access_token").asText();
        assertThat(call("POST", "/api/projects", Map.of("name", "through the provider"), token).status())
                .isEqualTo(201);
        Answer again = signIn(idToken(subject, login).build());
        assertThat(again.body().get("user_id").asLong()).isEqualTo(first.body().get("user_id").asLong());
        assertThat(call("POST", "/api/auth/login", Map.of("login", login, "password", "any password at all"), null)
                .status()).as("no password here").isEqualTo(401);
        assertThat(eventsMentioning(login)).as("the account's event names its login").isPositive();
        assertThat(accountsOf(subject)).isEqualTo(1);
    }

    @Test
    void aTokenOfAnotherIssuerAudienceOrTimeIsRefused() {
        String subject = UUID.randomUUID().toString();
        String login = unique("eve");
        assertThat(signIn(idToken(subject, login).issuer("https://evil.example.org").build()).status())
                .isEqualTo(401);
        assertThat(signIn(idToken(subject, login).audience("another-app").build()).status())
                .isEqualTo(401);
        assertThat(signIn(idToken(subject, login).expirationTime(Date.from(Instant.now()
                .minusSeconds(600))).build()).status()).isEqualTo(401);
        assertThat(call("POST", "/api/auth/oidc", Map.of("id_token", "not.a.token"), null).status()).isEqualTo(401);
        // no account was made: no event names the login (the test classes share one event store, where other
        // tests' background work may append meanwhile), no account has the subject
        assertThat(eventsMentioning(login)).isZero();
        assertThat(accountsOf(subject)).isZero();
    }

    @Test
    void aTokenWithoutAnEmailIsRefusedNamingIt() {
        Answer answer = signIn(idToken(UUID.randomUUID().toString(), unique("nomail")).claim("email", null).build());
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("field").asText()).isEqualTo("id_token");
    }

    @Test
    void aLoginTakenByALocalAccountIsAConflict() {
        String login = unique("local");
        assertThat(call("POST", "/api/auth/register", Map.of("login", login, "password", "a local password",
                "display_name", "Local", "email", "local@example.org"), null).status()).isEqualTo(201);
        Answer answer = signIn(idToken(UUID.randomUUID().toString(), login).build());
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.body().get("field").asText()).isEqualTo("login");
    }
}
