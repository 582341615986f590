package org.tributary.query.datapackage;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.tributary.domain.shared.InvalidInput;

/**
 * A package search as the original platform's clients send it.
 *
 * @param masterId   the package whose descendants are sought; {@code 0}: every package at the node
 * @param sortBy     {@code id}, {@code label} or {@code created_at}; empty or absent means {@code id}
 * @param descending newest first unless false
 * @param fieldFilterName, fieldFilterOp, fieldFilterValue, jobsFilterOp, jobsFilterCountValue the filters
 *                   ({@link SearchFilters}): empty strings and a count of 0 mean "no filter"; an operator or order
 *                   this search does not know is refused, never ignored
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SearchRequest(Long masterId, String sortBy, Boolean descending, String fieldFilterName,
                            String fieldFilterOp, Object fieldFilterValue, String jobsFilterOp,
                            Long jobsFilterCountValue) {

    public SearchRequest(Long masterId) {
        this(masterId, null, null, null, null, null, null, null);
    }

    void check() {
        if (masterId == null) {
            throw new InvalidInput("master_id", "master_id is required (0 for every package at the node)");
        }
    }

    boolean newestFirst() {
        return descending == null || descending;
    }
}
