package org.tributary.query.storage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContentDispositionTest {

    @Test
    void aPlainNameIsKeptAsItIs() {
        assertThat(ContentDisposition.attachment("result.csv"))
                .isEqualTo("attachment; filename=\"result.csv\"; filename*=UTF-8''result.csv");
    }

    @Test
    void aNameCannotEndTheValueOrAddAParameter() {
        assertThat(ContentDisposition.attachment("a\"; filename=x.exe\r\n.txt"))
                .isEqualTo("attachment; filename=\"a_; filename=x.exe__.txt\"; "
                        + "filename*=UTF-8''a%22%3B%20filename%3Dx.exe%0D%0A.txt");
    }

    @Test
    void aNameOutsideAsciiIsExactInTheEncodedForm() {
        assertThat(ContentDisposition.attachment("résumé 100%.txt"))
                .isEqualTo("attachment; filename=\"r_sum_ 100_.txt\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20100%25.txt");
    }

    @Test
    void onlyTheLastPartOfAPathNamesTheFile() {
        assertThat(ContentDisposition.attachment("out/plots/fig.png")).startsWith("attachment; filename=\"fig.png\"");
    }
}
