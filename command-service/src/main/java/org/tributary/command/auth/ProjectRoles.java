package org.tributary.command.auth;

import org.springframework.stereotype.Component;
import org.tributary.access.ProjectAccess;
import org.tributary.command.config.Aggregates;
import org.tributary.domain.project.Project;
import org.tributary.domain.shared.NotFound;
import org.tributary.domain.shared.ProjectRole;

import java.util.Optional;

/** A user's role on a project, asked of the project itself (cached): no lag behind a membership change. */
@Component
class ProjectRoles implements ProjectAccess {

    private final Aggregates aggregates;

    ProjectRoles(Aggregates aggregates) {
        this.aggregates = aggregates;
    }

    @Override
    public Optional<ProjectRole> roleOf(long userId, long projectId) {
        try {
            return aggregates.ask(Project.class, "project_id", projectId, project -> project.roleOf(userId));
        } catch (NotFound e) {
            return Optional.empty();
        }
    }
}
