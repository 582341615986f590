package org.tributary.domain.job.api;

import org.tributary.domain.shared.ProjectScoped;

/**
 * What happens to a job, in order: Created → Dispatched → (Claimed) → Queued → Started → Downloaded →
 * Calculated → Uploaded → Produced → Processed, or Failed (Error) from any state before the end; Dead or Cancelled
 * before its script ends.
 */
public sealed interface JobEvent extends ProjectScoped
        permits JobCreated, JobDispatched, JobClaimed, JobStatusReported, JobCalculated, JobUploaded, JobProduced,
        JobProcessed, JobFailed, JobDied, JobWaiting, JobCancelled, JobLogKept,
        JobInteractiveOpened, JobDeleted {
    long jobId();
}
