package org.tributary.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** An owner removes a member, or a member leaves ({@code actingUserId == userId}); the last owner cannot. */
public record RemoveProjectMember(@TargetAggregateIdentifier long projectId, @TargetAggregateVersion Long version,
                                  long actingUserId, long userId) {
}
