package org.tributary.domain.job.api;

import org.tributary.domain.shared.FileRef;

import java.util.List;

/** What a stopped job printed became its files (its log). */
public record JobLogKept(long jobId, long projectId, List<FileRef> files) implements JobEvent {
}
