package org.tributary.domain.project.api;

import org.tributary.domain.shared.LabelFilter;
import org.tributary.domain.shared.LinkType;
import org.tributary.domain.shared.Mapping;

/** Two nodes were linked. */
public record LinkCreated(long projectId, long linkId, long fromNodeId, long toNodeId, LinkType type, LabelFilter packageFilter, Mapping mapping) implements ProjectEvent {
}
