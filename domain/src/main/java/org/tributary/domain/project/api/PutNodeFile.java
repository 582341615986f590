package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.tributary.domain.shared.FileRef;

/** Adds or replaces a node file (its content is already in S3 under its hash). */
public record PutNodeFile(@TargetAggregateIdentifier long projectId, @TargetAggregateVersion Long version, long nodeId, FileRef file) {
}
