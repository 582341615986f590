package org.tributary.command.secret;

import org.junit.jupiter.api.Test;
import org.tributary.domain.shared.SealedValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sealing with AES-256-GCM: the value opens only for its project and name, and with the key that sealed it. */
class SecretBoxTest {

    static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef"
            .getBytes(StandardCharsets.US_ASCII));
    static final String OTHER_KEY = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210"
            .getBytes(StandardCharsets.US_ASCII));

    private final SecretBox box = new SecretBox(new SecretKeys(KEY, "k1", null));

    @Test
    void aSealedValueOpensAgainAndShowsNothingOfItself() {
        SealedValue sealed = box.seal(7, "API_TOKEN", "hunter2-and-more");

        assertThat(sealed.keyId()).isEqualTo("k1");
        assertThat(sealed.ciphertext()).doesNotContain("hunter2")
                .doesNotContain(Base64.getEncoder().encodeToString("hunter2-and-more".getBytes(StandardCharsets.UTF_8)));
        assertThat(box.unseal(7, "API_TOKEN", sealed)).isEqualTo("hunter2-and-more");
    }

    @Test
    void theSameValueSealsDifferentlyEachTime() {
        assertThat(box.seal(7, "A", "same").ciphertext()).isNotEqualTo(box.seal(7, "A", "same").ciphertext());
    }

    @Test
    void aSealedValueDoesNotOpenForAnotherProjectOrName() {
        SealedValue sealed = box.seal(7, "API_TOKEN", "value");

        assertThatThrownBy(() -> box.unseal(8, "API_TOKEN", sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> box.unseal(7, "OTHER", sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRetiredKeyStillOpensWhatItSealed() {
        SealedValue old = box.seal(7, "API_TOKEN", "from before");
        SecretBox rotated = new SecretBox(new SecretKeys(OTHER_KEY, "k2", Map.of("k1", KEY)));

        assertThat(rotated.unseal(7, "API_TOKEN", old)).isEqualTo("from before");
        assertThat(rotated.seal(7, "API_TOKEN", "new").keyId()).isEqualTo("k2");
    }

    @Test
    void aValueSealedWithAKeyNoLongerHeldIsAClearError() {
        SealedValue old = box.seal(7, "API_TOKEN", "lost");
        SecretBox other = new SecretBox(new SecretKeys(OTHER_KEY, "k2", null));

        assertThatThrownBy(() -> other.unseal(7, "API_TOKEN", old)).hasMessageContaining("'k1'");
    }

    @Test
    void withoutAKeyNothingIsSealed() {
        SecretBox none = new SecretBox(new SecretKeys(null, null, null));

        assertThatThrownBy(() -> none.seal(7, "API_TOKEN", "value")).isInstanceOf(SecretBox.NoKey.class)
                .hasMessageContaining("tributary.secrets.key");
    }

    @Test
    void aKeyOfAnotherLengthIsRefusedAtStart() {
        String short_ = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> new SecretBox(new SecretKeys(short_, "k1", null)))
                .hasMessageContaining("32 bytes");
    }
}
