package org.tributary.query.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Text with a NUL, raw or as JSON's escape, is found before PostgreSQL refuses it. */
class StorableTest {

    @Test
    void plainTextIsStorable() {
        assertThat(Storable.text("inbox u0000 {\"a\":\"b\"}")).isTrue();
        assertThat(Storable.text("")).isTrue();
    }

    @Test
    void aNulCharacterIsNot() {
        assertThat(Storable.text("nul\u0000node")).isFalse();
    }

    @Test
    void jsonsEscapeForNulIsNot() {
        assertThat(Storable.text("{\"label\":\"nul\\u0000node\"}")).isFalse();
        assertThat(Storable.text("\\\\\\u0000")).isFalse();
    }

    @Test
    void anEscapedBackslashBeforeU0000IsText() {
        assertThat(Storable.text("{\"path\":\"C:\\\\u0000\"}")).isTrue();
    }
}
