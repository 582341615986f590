package org.tributary.query.shared;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ContentTypesTest {

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "text/csv; charset=utf-8", "TEXT/X-PYTHON", "application/json",
            "application/x-sh", "application/ld+json", "image/svg+xml", "application/x-yaml",
            "application/vnd.x+yaml"})
    void textTypesAreNotBinary(String type) {
        assertThat(ContentTypes.binary(type)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/octet-stream", "image/png", "application/zip", "application/x-hdf5",
            "application/pdf", " "})
    void otherTypesAreBinary(String type) {
        assertThat(ContentTypes.binary(type)).isTrue();
    }

    @Test
    void aFileWithoutATypeIsBinary() {
        assertThat(ContentTypes.binary(null)).isTrue();
    }

    @Test
    void aFileObjectSaysIsBinaryAndTheStoredFormReadsBackWithoutIt() throws Exception {
        ObjectMapper json = new ObjectMapper();
        FileView text = new FileView("out/1/label", null, "ab", 3, false, "text/plain");

        String written = json.writeValueAsString(text);

        assertThat(json.readTree(written).get("is_binary").asBoolean()).isFalse();
        assertThat(json.readTree(json.writeValueAsString(new FileView("plot.png", "u", "cd", 9, false, "image/png")))
                .get("is_binary").asBoolean()).isTrue();
        assertThat(json.readValue(written, FileView.class)).isEqualTo(text);
    }
}
