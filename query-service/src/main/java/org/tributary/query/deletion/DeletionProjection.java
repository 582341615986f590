package org.tributary.query.deletion;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;
import org.tributary.query.shared.ReadModelWrites;
import org.tributary.domain.datapackage.api.PackageDeleted;
import org.tributary.domain.job.api.JobDeleted;
import org.tributary.domain.project.api.DataLayerDeleted;
import org.tributary.domain.project.api.ProjectDeleted;
import org.tributary.query.shared.Projections;

/**
 * Drops from the read models what was deleted: a package (its files and lineage rows; its children keep their
 * other parents), a job (its status history), a data layer (its packages, jobs, parameter values and node
 * activity), a project (everything of it). In the same processor as the projections that wrote the rows, so a
 * deletion is never applied before what it deletes.
 */
@Component
@ProcessingGroup(Projections.GROUP)
class DeletionProjection {

    private final ReadModelWrites writes;

    DeletionProjection(ReadModelWrites writes) {
        this.writes = writes;
    }

    @EventHandler
    void on(PackageDeleted event) {
        MapSqlParameterSource id = new MapSqlParameterSource("id", event.packageId());
        writes.update("DELETE FROM package_parent WHERE package_id = :id OR parent_id = :id", id);
        writes.update("DELETE FROM package WHERE id = :id", id);
    }

    @EventHandler
    void on(JobDeleted event) {
        MapSqlParameterSource id = new MapSqlParameterSource("id", event.jobId());
        writes.update("DELETE FROM job_status WHERE job_id = :id", id);
        // its inputs at its node made one job fewer (the job-count search filter)
        writes.update("""
                WITH gone AS (DELETE FROM job WHERE id = :id RETURNING node_id, inputs)
                UPDATE package p SET child_jobs = p.child_jobs - 1
                FROM gone WHERE p.node_id = gone.node_id
                  AND p.id IN (SELECT i::bigint FROM jsonb_array_elements_text(gone.inputs) AS i)""", id);
    }

    @EventHandler
    void on(DataLayerDeleted event) {
        MapSqlParameterSource layer = new MapSqlParameterSource("layer", event.layerId())
                .addValue("project", event.projectId());
        writes.update("DELETE FROM package_parent WHERE package_id IN (SELECT id FROM package WHERE layer_id = :layer "
                + "AND project_id = :project)", layer);
        writes.update("DELETE FROM package WHERE layer_id = :layer AND project_id = :project", layer);
        writes.update("DELETE FROM job_status WHERE job_id IN (SELECT id FROM job WHERE layer_id = :layer "
                + "AND project_id = :project)", layer);
        writes.update("DELETE FROM job WHERE layer_id = :layer AND project_id = :project", layer);
        writes.update("DELETE FROM node_parameter_values WHERE layer_id = :layer AND project_id = :project", layer);
        writes.update("DELETE FROM node_inactive_layer WHERE layer_id = :layer AND project_id = :project", layer);
        writes.update("DELETE FROM data_layer WHERE id = :layer AND project_id = :project", layer);
    }

    @EventHandler
    void on(ProjectDeleted event) {
        MapSqlParameterSource project = new MapSqlParameterSource("project", event.projectId());
        writes.update("DELETE FROM package_parent WHERE package_id IN (SELECT id FROM package "
                + "WHERE project_id = :project)", project);
        writes.update("DELETE FROM job_status WHERE job_id IN (SELECT id FROM job WHERE project_id = :project)",
                project);
        for (String table : new String[]{"package", "job", "node_parameter_values", "node_inactive_layer",
                "node_file", "link", "node", "data_layer", "project_secret", "project_member", "api_key"}) {
            writes.update("DELETE FROM " + table + " WHERE project_id = :project", project);
        }
        writes.update("DELETE FROM project WHERE id = :project", project);
    }
}
