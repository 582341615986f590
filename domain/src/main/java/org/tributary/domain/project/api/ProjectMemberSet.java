package org.tributary.domain.project.api;

import org.tributary.domain.shared.ProjectRole;

/** A user is a member of the project with this role (new, or a changed role). */
public record ProjectMemberSet(long projectId, long userId, ProjectRole role) implements ProjectEvent {
}
