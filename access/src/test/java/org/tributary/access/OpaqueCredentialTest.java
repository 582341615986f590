package org.tributary.access;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The form of keys and executor credentials, and how a kept digest recognises one. */
class OpaqueCredentialTest {

    @Test
    void aNewCredentialReadsBackAsItself() {
        OpaqueCredential key = OpaqueCredential.create(OpaqueCredential.Kind.API_KEY, 12);
        assertThat(key.token()).startsWith("trb_k_12_").hasSize("trb_k_12_".length() + 43);
        assertThat(OpaqueCredential.parse(key.token())).contains(key);
        OpaqueCredential executor = OpaqueCredential.create(OpaqueCredential.Kind.EXECUTOR, 3);
        assertThat(executor.token()).startsWith("trb_e_3_");
        assertThat(OpaqueCredential.parse(executor.token())).contains(executor);
    }

    @Test
    void twoCredentialsNeverShareASecret() {
        assertThat(OpaqueCredential.create(OpaqueCredential.Kind.API_KEY, 1).secret())
                .isNotEqualTo(OpaqueCredential.create(OpaqueCredential.Kind.API_KEY, 1).secret());
    }

    @Test
    void onlyItsOwnSecretMatchesTheKeptDigest() {
        OpaqueCredential key = OpaqueCredential.create(OpaqueCredential.Kind.API_KEY, 12);
        String kept = key.digest();
        assertThat(kept).matches("[0-9a-f]{64}").isEqualTo(OpaqueCredential.sha256(key.secret()));
        assertThat(key.matches(kept)).isTrue();
        assertThat(OpaqueCredential.create(OpaqueCredential.Kind.API_KEY, 12).matches(kept)).isFalse();
        assertThat(key.matches(null)).isFalse();
        assertThat(key.matches(kept.toUpperCase())).isFalse();
    }

    @Test
    void aKeptCredentialWorksUntilRevokedOrExpired() {
        OpaqueCredential key = OpaqueCredential.create(OpaqueCredential.Kind.API_KEY, 12);
        java.time.Instant now = java.time.Instant.parse("2026-12-06T10:00:00Z");
        assertThat(key.works(key.digest(), null, null, now)).isTrue();
        assertThat(key.works(key.digest(), null, now.plusSeconds(1), now)).isTrue();
        assertThat(key.works(key.digest(), null, now, now)).as("expired at this instant").isFalse();
        assertThat(key.works(key.digest(), now.minusSeconds(60), null, now)).as("revoked").isFalse();
        assertThat(key.works(OpaqueCredential.create(OpaqueCredential.Kind.API_KEY, 12).digest(), null, null, now))
                .as("another secret").isFalse();
    }

    @Test
    void whatIsNotACredentialIsNotParsed() {
        String secret = "A".repeat(43);
        assertThat(OpaqueCredential.parse(null)).isEmpty();
        assertThat(OpaqueCredential.parse("")).isEmpty();
        assertThat(OpaqueCredential.parse("trb_x_1_" + secret)).isEmpty();
        assertThat(OpaqueCredential.parse("trb_k_0_" + secret)).as("ids start at 1").isEmpty();
        assertThat(OpaqueCredential.parse("trb_k_01_" + secret)).isEmpty();
        assertThat(OpaqueCredential.parse("trb_k_1_" + secret.substring(1))).isEmpty();
        assertThat(OpaqueCredential.parse("trb_k_1_" + secret + "A")).isEmpty();
        assertThat(OpaqueCredential.parse("trb_k_1_" + "A".repeat(42) + "=")).isEmpty();
        assertThat(OpaqueCredential.parse(" trb_k_1_" + secret)).isEmpty();
        assertThat(OpaqueCredential.parse("trb_k_1234567890123456789_" + secret)).as("beyond a long").isEmpty();
        assertThat(OpaqueCredential.parse("trb_k_123456789012345678_" + secret)).isPresent();
    }

    @Test
    void itsTextNeverShowsTheSecret() {
        OpaqueCredential key = OpaqueCredential.create(OpaqueCredential.Kind.API_KEY, 12);
        assertThat(key.toString()).isEqualTo("trb_k_12_…").doesNotContain(key.secret());
    }
}
