package org.tributary.query.shared;

import org.tributary.domain.shared.InvalidInput;

/** The {@code page} (from 1) and {@code page_size} query parameters of a listing. */
public record Paging(int page, int pageSize) {

    public static final int MAX_PAGE_SIZE = 1000;

    public Paging {
        if (page < 1) {
            throw new InvalidInput("page", "page must be at least 1");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new InvalidInput("page_size", "page_size must be between 1 and " + MAX_PAGE_SIZE);
        }
    }

    public long offset() {
        return (long) (page - 1) * pageSize;
    }
}
