package org.tributary.domain.shared;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckTest {

    static void refused(Runnable check, String field) {
        assertThatThrownBy(check::run).isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).field()).isEqualTo(field));
    }

    @Nested
    class Names {

        @ParameterizedTest
        @ValueSource(strings = {"a\u0000b", "a\nb", "a\tb", "\u007f", "a\u0085b"})
        void refuseControlCharacters(String name) {
            refused(() -> Check.notBlank("label", name, 100), "label");
        }

        @Test
        void keepOtherCharacters() {
            assertThat(Check.notBlank("label", "Über-ähnlich 日本 ✓", 100)).isEqualTo("Über-ähnlich 日本 ✓");
        }

        @Test
        void refuseOneCharacterTooMany() {
            assertThat(Check.notBlank("label", "x".repeat(100), 100)).hasSize(100);
            refused(() -> Check.notBlank("label", "x".repeat(101), 100), "label");
        }
    }

    @Nested
    class DistinctIds {

        @Test
        void keepsTheIdsInTheirOrder() {
            assertThat(Check.distinctIds("packages", List.of(3L, 1L, 2L), 3)).containsExactly(3L, 1L, 2L);
        }

        @Test
        void refusesNone() {
            refused(() -> Check.distinctIds("packages", List.of(), 3), "packages");
            refused(() -> Check.distinctIds("packages", null, 3), "packages");
        }

        @Test
        void refusesOneTooMany() {
            refused(() -> Check.distinctIds("packages", List.of(1L, 2L, 3L, 4L), 3), "packages");
        }

        @Test
        void refusesAnIdNamedTwiceAtItsSecondPlace() {
            refused(() -> Check.distinctIds("packages", List.of(1L, 2L, 3L, 2L), 4), "packages[3]");
        }

        @Test
        void refusesAMissingId() {
            refused(() -> Check.distinctIds("packages", java.util.Arrays.asList(1L, null), 4), "packages[1]");
        }
    }

    @Nested
    class Text {

        @Test
        void refusesANul() {
            refused(() -> Check.text("message", "a\u0000b", 100), "message");
        }

        @Test
        void keepsLineBreaksAndTabs() {
            assertThat(Check.text("message", "a\n\tb", 100)).isEqualTo("a\n\tb");
        }

        @Test
        void passesNull() {
            assertThat(Check.text("message", null, 1)).isNull();
        }

        @Test
        void refusesOneCharacterTooMany() {
            assertThat(Check.text("message", "x".repeat(3), 3)).hasSize(3);
            refused(() -> Check.text("message", "x".repeat(4), 3), "message");
        }
    }

    @Nested
    class JsonValues {

        @Test
        void refuseANulDeepInsideNamingItsPath() {
            Map<String, Object> value = Map.of("k", List.of("ok", Map.of("inner", "v\u0000")));
            refused(() -> Check.jsonValue("fields", value), "fields.k[1].inner");
        }

        @Test
        void refuseANulInAName() {
            refused(() -> Check.jsonValue("fields", Map.of("a", Map.of("b\u0000", 1))), "fields.a");
        }

        @Test
        void takeOrdinaryValues() {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("n", 1);
            value.put("list", List.of(true, 2.5, "x"));
            value.put("none", null);
            assertThat(Check.jsonValue("fields", value)).isSameAs(value);
        }

        @Test
        void refuseNestingDeeperThanTheLimit() {
            assertThat(Check.jsonValue("fields", nested(Check.MAX_DEPTH))).isNotNull();
            refused(() -> Check.jsonValue("fields", nested(Check.MAX_DEPTH + 1)), "fields" + "[0]".repeat(
                    Check.MAX_DEPTH + 1));
        }

        private static Object nested(int depth) {
            Object value = "leaf";
            for (int i = 0; i < depth; i++) {
                List<Object> list = new ArrayList<>();
                list.add(value);
                value = list;
            }
            return value;
        }
    }

    @Test
    void fieldsRefuseANulInAValue() {
        refused(() -> Fields.copyOf("fields", Map.of("k", "v\u0000")), "fields.k");
    }

    @Nested
    class Edges {

        @Test
        void aNulAtTheVeryStartIsFound() {
            refused(() -> Check.text("message", "\u0000abc", 100), "message");
            refused(() -> Check.jsonValue("fields", Map.of("\u0000a", 1)), "fields");
        }

        @Test
        void aValueNestedToTheLimitPassesAndOneLevelMoreIsRefused() {
            assertThat(Check.jsonValue("fields", nested(Check.MAX_DEPTH))).isNotNull();
            refused(() -> Check.jsonValue("fields", nested(Check.MAX_DEPTH + 1)),
                    "fields" + ".k".repeat(Check.MAX_DEPTH + 1));
        }

        @Test
        void aCheckedHashOrPathIsAnsweredAsGiven() {
            String hash = "0123456789abcdef".repeat(4);
            assertThat(Check.sha256("content_hash", hash)).isEqualTo(hash);
            assertThat(Check.relativePath("name", "out/1/files/a.csv")).isEqualTo("out/1/files/a.csv");
        }

        /** Maps inside maps, {@code depth} levels of them. */
        private Object nested(int depth) {
            Object value = 1;
            for (int i = 0; i < depth; i++) {
                value = Map.of("k", value);
            }
            return value;
        }
    }
}
