package org.tributary.domain.shared;

/** What a command handler answers when it added something to its aggregate under a new id (a node, a link). */
public record Created(long id) {
}
