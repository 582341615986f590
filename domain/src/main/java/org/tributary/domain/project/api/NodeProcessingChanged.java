package org.tributary.domain.project.api;

import org.tributary.domain.shared.ProcessingMode;

/** A compute node now processes arriving packages automatically, or only when a user asks. */
public record NodeProcessingChanged(long projectId, long nodeId, ProcessingMode processing) implements ProjectEvent {
}
