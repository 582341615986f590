package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.tributary.domain.shared.LabelFilter;
import org.tributary.domain.shared.LinkType;
import org.tributary.domain.shared.Mapping;

/** Links two nodes of the project. A null {@code linkId} is handed out on acceptance. */
public record CreateLink(@TargetAggregateIdentifier long projectId, @TargetAggregateVersion Long version, Long linkId, long fromNodeId, long toNodeId, LinkType type, LabelFilter packageFilter, Mapping mapping) {
}
