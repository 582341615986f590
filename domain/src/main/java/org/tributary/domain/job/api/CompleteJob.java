package org.tributary.domain.job.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tributary.domain.shared.FileRef;
import java.util.List;

/**
 * The job's script ended with {@code exitCode}; its files are uploaded. Exit 0 produces the outputs, which get their
 * package ids only once the report is accepted.
 */
public record CompleteJob(@TargetAggregateIdentifier long jobId, long executorId, int exitCode, List<FileRef> files, List<OutputPackage> outputs, String imageDigest) {
}
