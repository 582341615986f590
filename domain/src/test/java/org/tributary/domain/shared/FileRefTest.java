package org.tributary.domain.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileRefTest {

    private static final String HASH = "0123456789abcdef".repeat(4);

    @ParameterizedTest
    @ValueSource(strings = {"data.csv", "out/1/files/result.h5", ".hidden", "a..b", "dir/.config/x"})
    void acceptsRelativePaths(String name) {
        assertThat(new FileRef(name, HASH, 1, false, "text/plain").name()).isEqualTo(name);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "/etc/passwd", "../x", "a/../../x", "./a", "a/./b", "a//b", "a/", "..", ".",
            "a\\b", "a\0b"})
    void rejectsNamesThatCouldEscapeTheirFolder(String name) {
        assertThatThrownBy(() -> new FileRef(name, HASH, 1, false, null))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("name"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF", "abc",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0"})
    void rejectsAnythingButALowerCaseSha256(String hash) {
        assertThatThrownBy(() -> new FileRef("a", hash, 1, false, null))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("content_hash"));
    }

    @Test
    void rejectsNegativeSize() {
        assertThatThrownBy(() -> new FileRef("a", HASH, -1, false, null))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("size"));
        assertThat(new FileRef("a", HASH, 0, false, null).size()).isZero();
    }

    @Test
    void unknownContentTypeIsOctetStream() {
        assertThat(new FileRef("a", HASH, 1, false, null).contentType()).isEqualTo("application/octet-stream");
        assertThat(new FileRef("a", HASH, 1, false, " ").contentType()).isEqualTo("application/octet-stream");
    }

    @Test
    void renamingKeepsContentAndFlags() {
        FileRef file = new FileRef("bin/run", HASH, 42, true, "text/x-shellscript");

        assertThat(file.renamed("tools/go")).isEqualTo(new FileRef("tools/go", HASH, 42, true, "text/x-shellscript"));
        assertThatThrownBy(() -> file.renamed("../go"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("name"));
    }
}
