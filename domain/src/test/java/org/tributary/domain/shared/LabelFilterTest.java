package org.tributary.domain.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelFilterTest {

    @Test
    void emptyFilterLetsEverythingPass() {
        assertThat(LabelFilter.of(null)).isSameAs(LabelFilter.ANY);
        assertThat(LabelFilter.of("")).isSameAs(LabelFilter.ANY);
        assertThat(LabelFilter.ANY.matches("anything")).isTrue();
        assertThat(LabelFilter.ANY.matches("")).isTrue();
        assertThat(LabelFilter.ANY.matches(null)).isTrue();
    }

    @Test
    void searchesAnywhereInTheLabelLikePythonsReSearch() {
        LabelFilter filter = LabelFilter.of("run-\\d+");

        assertThat(filter.matches("my-run-42-final")).isTrue();
        assertThat(filter.matches("run-x")).isFalse();
    }

    @Test
    void anchorsRestrictTheMatch() {
        LabelFilter filter = LabelFilter.of("^final$");

        assertThat(filter.matches("final")).isTrue();
        assertThat(filter.matches("final-2")).isFalse();
        assertThat(filter.matches("not final")).isFalse();
    }

    @Test
    void isCaseSensitive() {
        assertThat(LabelFilter.of("Final").matches("final")).isFalse();
    }

    @Test
    void missingLabelIsMatchedAsEmpty() {
        assertThat(LabelFilter.of("^$").matches(null)).isTrue();
        assertThat(LabelFilter.of("x").matches(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"(", "[a-", "*x", "a{2,1}", "\\"})
    void rejectsInvalidRegex(String regex) {
        assertThatThrownBy(() -> LabelFilter.of(regex))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("package_filter"));
    }

    @Test
    void limitsTheLength() {
        assertThat(LabelFilter.of("a".repeat(LabelFilter.MAX_LENGTH)).regex()).hasSize(LabelFilter.MAX_LENGTH);
        assertThatThrownBy(() -> LabelFilter.of("a".repeat(LabelFilter.MAX_LENGTH + 1)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("package_filter"));
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void catastrophicBacktrackingEndsAsNoMatchInsteadOfStallingRouting() {
        // the back-reference defeats java.util.regex's loop memoisation: each extra 'a' doubles the work, so
        // without a budget this search would run for longer than the universe has existed
        LabelFilter evil = LabelFilter.of("(a+)+\\1b");

        assertThat(evil.matches("a".repeat(60) + "!")).isFalse();
        assertThat(evil.matches("xaab")).isTrue();
    }

    @Test
    void budgetIsAmpleForOrdinaryFiltersOnLongLabels() {
        String label = "x".repeat(10_000) + "run-42";

        assertThat(LabelFilter.of("run-\\d+$").matches(label)).isTrue();
        assertThat(LabelFilter.of("(?i)RUN-(\\d+|final)").matches(label)).isTrue();
    }

    @Test
    void filtersAreEqualByTheirRegex() {
        assertThat(LabelFilter.of("a+")).isEqualTo(LabelFilter.of("a+")).hasSameHashCodeAs(LabelFilter.of("a+"));
        assertThat(LabelFilter.of("a+")).isNotEqualTo(LabelFilter.of("a*"));
        assertThat(LabelFilter.of("a+")).hasToString("a+");
    }
}
