package org.tributary.domain.job.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tributary.domain.shared.FileRef;

import java.util.List;

/**
 * The executor keeps what a job printed before it was stopped (cancelled, or dead), as its log: so that every ended
 * job has one.
 */
public record KeepJobLog(@TargetAggregateIdentifier long jobId, long executorId, List<FileRef> files) {
}
