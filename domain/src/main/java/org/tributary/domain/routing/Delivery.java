package org.tributary.domain.routing;

import org.tributary.domain.shared.FileRef;

import java.util.List;
import java.util.Map;

/** A package to create at {@code targetNodeId}: what passed one push link, renamed by its mapping. */
public record Delivery(long linkId, long targetNodeId, String label, Map<String, Object> fields, List<FileRef> files) {
}
