package org.tributary.domain.job.api;

import org.tributary.domain.shared.FileRef;

import java.util.List;
import java.util.Map;

/** An output package as a job's final report names it, under {@code out/<n>/}; it gets its id once accepted. */
public record OutputPackage(String label, Map<String, Object> fields, List<FileRef> files) {
}
