package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.tributary.domain.shared.SealedValue;
import org.tributary.domain.shared.SecretKind;

import java.util.List;

/**
 * Sets a project secret (new, or a new value). The value arrives sealed: the domain never sees it in plaintext.
 *
 * @param nodeIds the nodes whose jobs get it; {@code null} for every node of the project
 */
public record SetProjectSecret(@TargetAggregateIdentifier long projectId, @TargetAggregateVersion Long version,
                               String name, SecretKind kind, List<Long> nodeIds, SealedValue value) {
}
