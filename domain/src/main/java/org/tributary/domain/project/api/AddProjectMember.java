package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.tributary.domain.shared.ProjectRole;

/**
 * An owner makes a user a member of the project with a role, or changes a member's role.
 *
 * @param actingUserId the owner who asks (checked here, not only at the edge: the domain keeps its own rules)
 */
public record AddProjectMember(@TargetAggregateIdentifier long projectId, @TargetAggregateVersion Long version,
                               long actingUserId, long userId, ProjectRole role) {
}
