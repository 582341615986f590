package org.tributary.domain.project.api;

/** A link was removed. */
public record LinkDeleted(long projectId, long linkId) implements ProjectEvent {
}
