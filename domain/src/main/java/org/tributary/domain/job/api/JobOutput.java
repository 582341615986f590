package org.tributary.domain.job.api;

import org.tributary.domain.shared.FileRef;
import java.util.List;
import java.util.Map;

/** An output package a job wrote under {@code out/<n>/}, with the id it got when the job's report was accepted. */
public record JobOutput(long packageId, String label, Map<String, Object> fields, List<FileRef> files) {
}
