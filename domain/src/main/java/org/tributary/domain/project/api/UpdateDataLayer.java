package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Changes what is given (non-null) of a data layer: its label, description, whether it is active (an inactive
 * layer makes no jobs) and whether it is personal (seen by its maker alone).
 *
 * @param editedBy the user editing; a layer made personal without a maker becomes theirs (null: a key or the platform)
 */
public record UpdateDataLayer(@TargetAggregateIdentifier long projectId, @TargetAggregateVersion Long version,
                              long layerId, String label, String description, Boolean active, Boolean personal,
                              Long editedBy) {
}
