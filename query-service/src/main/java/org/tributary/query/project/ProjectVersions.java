package org.tributary.query.project;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;
import org.tributary.query.shared.ReadModelWrites;
import org.tributary.query.shared.WritePlan;
import org.tributary.query.shared.Projections;
import org.tributary.domain.project.api.ProjectEvent;

/**
 * Keeps each project's version: the sequence number of the project aggregate's last event, which command-service
 * checks optimistic commands against. Separate from {@link ProjectProjection} because Axon calls only the most
 * specific handler of one object per event. The created event sets the version itself, so the order in which the
 * two handlers see it does not matter.
 */
@Component
@ProcessingGroup(Projections.GROUP)
class ProjectVersions {

    private final ReadModelWrites writes;

    ProjectVersions(ReadModelWrites writes) {
        this.writes = writes;
    }

    @EventHandler
    void on(ProjectEvent event, @SequenceNumber Long sequence) {
        writes.update("UPDATE project SET version = GREATEST(version, :version) WHERE id = :id",
                new MapSqlParameterSource("id", event.projectId()).addValue("version", sequence),
                WritePlan.Key.row("project", event.projectId()));
    }
}
