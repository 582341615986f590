package org.tributary.query.datapackage;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.tributary.domain.shared.InvalidInput;

/**
 * A package search as the original platform's clients send it.
 *
 * @param masterId   the package whose descendants are sought; {@code 0}: every package at the node
 * @param sortBy     {@code id} (the only order so far); empty or absent means {@code id}
 * @param descending newest first unless false
 * @param fieldFilterName, fieldFilterOp, fieldFilterValue, jobsFilterOp, jobsFilterCountValue the filters, not
 *                   supported yet: empty strings and a count of 0 mean "no filter", anything else is refused, never
 *                   ignored
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SearchRequest(Long masterId, String sortBy, Boolean descending, String fieldFilterName,
                            String fieldFilterOp, Object fieldFilterValue, String jobsFilterOp,
                            Long jobsFilterCountValue) {

    public SearchRequest(Long masterId) {
        this(masterId, null, null, null, null, null, null, null);
    }

    /** Refuses what this search cannot do yet, naming the field, rather than answering as if it were not asked. */
    void check() {
        if (masterId == null) {
            throw new InvalidInput("master_id", "master_id is required (0 for every package at the node)");
        }
        if (sortBy != null && !sortBy.isEmpty() && !"id".equals(sortBy)) {
            throw new InvalidInput("sort_by", "sort_by can only be id so far");
        }
        if (given(fieldFilterName) || given(fieldFilterOp)
                || (fieldFilterValue != null && !"".equals(fieldFilterValue))) {
            throw new InvalidInput("field_filter_name", "filters on package fields are not supported yet");
        }
        if (given(jobsFilterOp) || (jobsFilterCountValue != null && jobsFilterCountValue != 0)) {
            throw new InvalidInput("jobs_filter_op", "filters on job counts are not supported yet");
        }
    }

    boolean newestFirst() {
        return descending == null || descending;
    }

    private static boolean given(String value) {
        return value != null && !value.isEmpty();
    }
}
