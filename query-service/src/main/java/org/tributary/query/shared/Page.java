package org.tributary.query.shared;

import java.util.List;

/** One page of a listing, newest first, and how many items there are in all. */
public record Page<T>(List<T> items, long total) {
}
