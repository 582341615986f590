package org.tributary.domain.project.api;

/**
 * The project was switched off (its new jobs wait undispatched, in Created) or on again (they are dispatched).
 */
public record ProjectSwitched(long projectId, boolean active) implements ProjectEvent {
}
