package org.tributary.domain.job.api;

import org.tributary.domain.shared.FileRef;

import java.util.List;

/** The job ended in Error; {@code files} (its log, what it uploaded) may be empty, and null in older events. */
public record JobFailed(long jobId, long projectId, String error, String message, List<FileRef> files) implements JobEvent {

    public JobFailed(long jobId, long projectId, String error, String message) {
        this(jobId, projectId, error, message, List.of());
    }
}
