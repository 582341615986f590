package org.tributary.domain.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MappingTest {

    private static FileRef file(String name, char digit) {
        return new FileRef(name, String.valueOf(digit).repeat(64), 1, false, null);
    }

    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void emptyMappingIsNone() {
        assertThat(Mapping.of(null)).isSameAs(Mapping.NONE);
        assertThat(Mapping.of(Map.of())).isSameAs(Mapping.NONE);
        assertThat(Mapping.NONE.applyToFields(Map.of("a", 1))).isEqualTo(Map.of("a", 1));
        assertThat(Mapping.NONE.applyToFiles(List.of(file("a", 'a')))).containsExactly(file("a", 'a'));
    }

    @Test
    void renamesMappedFieldsAndPassesTheRest() {
        Mapping mapping = Mapping.of(Map.of("input", "output"));

        assertThat(mapping.applyToFields(ordered("output", 1, "other", 2)))
                .isEqualTo(Map.of("input", 1, "other", 2));
    }

    @Test
    void mappedNameThatIsAbsentAddsNothing() {
        assertThat(Mapping.of(Map.of("input", "output")).applyToFields(Map.of("other", 2)))
                .isEqualTo(Map.of("other", 2));
    }

    @Test
    void oneOldNameMayArriveUnderSeveralNewNames() {
        Map<String, String> twice = new LinkedHashMap<>();
        twice.put("x", "v");
        twice.put("y", "v");
        Mapping mapping = Mapping.of(twice);

        assertThat(mapping.applyToFields(Map.of("v", 5))).isEqualTo(Map.of("x", 5, "y", 5));
        assertThat(mapping.applyToFiles(List.of(file("v", 'a'))))
                .containsExactly(file("x", 'a'), file("y", 'a'));
    }

    @Test
    void swapsNames() {
        Map<String, String> swap = new LinkedHashMap<>();
        swap.put("a", "b");
        swap.put("b", "a");
        Mapping mapping = Mapping.of(swap);

        assertThat(mapping.applyToFields(Map.of("a", 1, "b", 2))).isEqualTo(Map.of("a", 2, "b", 1));
        assertThat(mapping.applyToFiles(List.of(file("a", 'a'), file("b", 'b'))))
                .containsExactly(file("a", 'b'), file("b", 'a'));
    }

    @Test
    void renamedFieldWinsOverAnUnmappedFieldOfTheSameName() {
        Mapping mapping = Mapping.of(Map.of("a", "b"));

        assertThat(mapping.applyToFields(Map.of("a", "kept?", "b", "renamed"))).isEqualTo(Map.of("a", "renamed"));
    }

    @Test
    void renamedFileWinsOverAnUnmappedFileOfTheSameNameSoNoNameAppearsTwice() {
        Mapping mapping = Mapping.of(Map.of("a", "b"));

        assertThat(mapping.applyToFiles(List.of(file("a", 'a'), file("b", 'b'))))
                .containsExactly(file("a", 'b'));
    }

    @Test
    void unmappedFileKeepsItsNameWhenTheMappedOneIsAbsent() {
        Mapping mapping = Mapping.of(Map.of("a", "b"));

        assertThat(mapping.applyToFiles(List.of(file("a", 'a')))).containsExactly(file("a", 'a'));
    }

    @Test
    void renamesFilesInNestedFolders() {
        Mapping mapping = Mapping.of(Map.of("in/data.csv", "out/1/files/result.csv"));

        assertThat(mapping.applyToFiles(List.of(file("out/1/files/result.csv", 'a'))))
                .containsExactly(file("in/data.csv", 'a'));
    }

    @Test
    void resultsCannotBeAltered() {
        Mapping mapping = Mapping.of(Map.of("a", "b"));

        assertThatThrownBy(() -> mapping.applyToFields(Map.of("b", 1)).put("c", 2))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> mapping.applyToFiles(List.of(file("b", 'b'))).clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> mapping.asMap().put("c", "d")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsBlankNames() {
        assertThatThrownBy(() -> Mapping.of(Map.of(" ", "b")))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("mapping"));
        assertThatThrownBy(() -> Mapping.of(Map.of("a", " ")))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("mapping.a"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "/etc/x", "a//b", "./a", "a\\b"})
    void rejectsNewNamesThatCouldNotBeFileNames(String newName) {
        assertThatThrownBy(() -> Mapping.of(Map.of(newName, "b")))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("mapping"));
    }

    @Test
    void mappingsAreEqualByContent() {
        assertThat(Mapping.of(Map.of("a", "b"))).isEqualTo(Mapping.of(Map.of("a", "b")))
                .hasSameHashCodeAs(Mapping.of(Map.of("a", "b")));
        assertThat(Mapping.of(Map.of("a", "b"))).isNotEqualTo(Mapping.of(Map.of("a", "c")));
    }
}
