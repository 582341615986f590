package org.tributary.access;

import org.tributary.domain.shared.ProjectRole;

import java.util.Optional;

/**
 * A user's role on a project, as the service knows it (command-service from the project itself, query-service from
 * its read model). Empty when the user is not a member, or when there is no such project: the caller cannot tell
 * the two apart.
 */
public interface ProjectAccess {

    Optional<ProjectRole> roleOf(long userId, long projectId);
}
