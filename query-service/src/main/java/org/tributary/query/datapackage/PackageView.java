package org.tributary.query.datapackage;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.tributary.query.shared.FieldValue;
import org.tributary.query.shared.FileView;

import java.time.Instant;
import java.util.List;

/**
 * A package. Its {@code files} carry no {@code content} URL here; {@code GET …/packages/{id}/files} presigns them.
 *
 * @param origin          {@code uploaded}, {@code produced} or {@code delivered}
 * @param jobId           the job that produced it (or whose output was delivered), else {@code null}
 * @param sourcePackageId for a delivered package: the output package it was delivered from
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PackageView(long id, String label, List<FieldValue> fields, List<FileView> files, List<Long> parents,
                          String origin, Long jobId, Long sourcePackageId, Instant createdAt, long nodeId,
                          long dataLayerId) {
}
