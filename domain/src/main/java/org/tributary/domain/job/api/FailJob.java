package org.tributary.domain.job.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tributary.domain.shared.FileRef;

import java.util.List;

/**
 * The job failed outside its script (download, upload, backend, refused outputs). {@code files} are what it left
 * that can still be shown: its log (archived by the executor when the runner could not upload it) and the files
 * the runner did upload; null for none.
 */
public record FailJob(@TargetAggregateIdentifier long jobId, long executorId, String error, String message, List<FileRef> files) {

    public FailJob(long jobId, long executorId, String error, String message) {
        this(jobId, executorId, error, message, null);
    }
}
