package org.tributary.query.datapackage;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.tributary.domain.shared.InvalidInput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The search's operators and orders, as the original platform's clients and UI name them. */
class SearchFiltersTest {

    @Test
    void operatorsAreTakenAsSymbolsOrWordsInAnyCase() {
        assertThat(SearchFilters.op("f", "=")).isEqualTo(SearchFilters.Op.EQ);
        assertThat(SearchFilters.op("f", "Equal")).isEqualTo(SearchFilters.Op.EQ);
        assertThat(SearchFilters.op("f", " GREATER ")).isEqualTo(SearchFilters.Op.GT);
        assertThat(SearchFilters.op("f", "less")).isEqualTo(SearchFilters.Op.LT);
        assertThat(SearchFilters.op("f", "<>")).isEqualTo(SearchFilters.Op.NE);
        assertThat(SearchFilters.op("f", ">=")).isEqualTo(SearchFilters.Op.GE);
        assertThat(SearchFilters.op("f", "lte")).isEqualTo(SearchFilters.Op.LE);
    }

    @Test
    void anUnknownOperatorNamesItsField() {
        assertThatThrownBy(() -> SearchFilters.op("jobs_filter_op", "about"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("jobs_filter_op"));
    }

    @Test
    void theOrderDefaultsToIdAndBreaksTiesById() {
        assertThat(SearchFilters.order(null, true)).isEqualTo(" ORDER BY p.id DESC");
        assertThat(SearchFilters.order("", false)).isEqualTo(" ORDER BY p.id ASC");
        assertThat(SearchFilters.order("label", false)).isEqualTo(" ORDER BY p.label ASC, p.id ASC");
    }

    @Test
    void noFilterAskedAddsNoCondition() {
        SearchRequest empty = new SearchRequest(0L, "id", true, "", "", "", "", 0L);
        MapSqlParameterSource params = new MapSqlParameterSource();

        assertThat(SearchFilters.field(empty, params)).isEmpty();
        assertThat(SearchFilters.jobs(empty, params)).isEmpty();
        assertThat(params.getParameterNames()).isEmpty();
    }

    @Test
    void anEmptyNameOrACountOfZeroMeansNoFilterWhateverOperatorComesWithIt() {
        MapSqlParameterSource params = new MapSqlParameterSource();

        assertThat(SearchFilters.field(new SearchRequest(0L, null, null, "", "=", "x", null, null), params)).isEmpty();
        assertThat(SearchFilters.jobs(new SearchRequest(0L, null, null, null, null, null, "=", 0L), params))
                .isEmpty();
        assertThat(params.getParameterNames()).isEmpty();
    }

    @Test
    void aNameOrACountWithoutAnOperatorIsRefused() {
        assertThatThrownBy(() -> SearchFilters.field(new SearchRequest(0L, null, null, "size", "", 3, null, null),
                new MapSqlParameterSource()))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("field_filter_op"));
        assertThatThrownBy(() -> SearchFilters.jobs(new SearchRequest(0L, null, null, null, null, null, "", 4L),
                new MapSqlParameterSource()))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("jobs_filter_op"));
    }

    @Test
    void anUnknownOperatorIsRefusedEvenWhereItWouldFilterNothing() {
        assertThatThrownBy(() -> SearchFilters.field(new SearchRequest(0L, null, null, "", "about", "", null, null),
                new MapSqlParameterSource()))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("field_filter_op"));
        assertThatThrownBy(() -> SearchFilters.jobs(new SearchRequest(0L, null, null, null, null, null, "about", 0L),
                new MapSqlParameterSource()))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("jobs_filter_op"));
    }

    @Test
    void aJobCountAndAnOperatorFilter() {
        MapSqlParameterSource params = new MapSqlParameterSource();

        assertThat(SearchFilters.jobs(new SearchRequest(0L, null, null, null, null, null, "<", 1L), params))
                .isEqualTo(" AND p.child_jobs < :j_count");
        assertThat(params.getValue("j_count")).isEqualTo(1L);
    }

    @Test
    void aNegativeJobCountIsRefused() {
        SearchRequest negative = new SearchRequest(0L, null, null, null, null, null, ">", -1L);

        assertThatThrownBy(() -> SearchFilters.jobs(negative, new MapSqlParameterSource()))
                .isInstanceOfSatisfying(InvalidInput.class,
                        e -> assertThat(e.field()).isEqualTo("jobs_filter_count_value"));
    }
}
