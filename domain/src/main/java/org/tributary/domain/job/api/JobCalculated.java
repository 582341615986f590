package org.tributary.domain.job.api;

import org.tributary.domain.shared.FileRef;
import java.util.List;

/** The script ended; {@code files} is the job's uploaded tree, its log included. */
public record JobCalculated(long jobId, long projectId, int exitCode, List<FileRef> files, String imageDigest) implements JobEvent {
}
