package org.tributary.domain.job.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tributary.domain.shared.FileRef;
import java.util.List;

/** The job's script ended with {@code exitCode}; its files are uploaded. Exit 0 produces the outputs. */
public record CompleteJob(@TargetAggregateIdentifier long jobId, long executorId, int exitCode, List<FileRef> files, List<JobOutput> outputs, String imageDigest) {
}
