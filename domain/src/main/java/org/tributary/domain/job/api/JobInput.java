package org.tributary.domain.job.api;

import org.tributary.domain.shared.FileRef;
import java.util.List;
import java.util.Map;

/** An input package as the job sees it. */
public record JobInput(long packageId, String label, Map<String, Object> fields, List<FileRef> files) {
}
