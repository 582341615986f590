package org.tributary.domain.project.api;

import org.tributary.domain.shared.FileRef;

/** A node file was added or replaced. */
public record NodeFilePut(long projectId, long nodeId, FileRef file) implements ProjectEvent {
}
