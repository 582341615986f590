package org.tributary.domain.project.api;

/**
 * A project was created.
 *
 * @param createdBy the user who created it (its first owner, {@link ProjectMemberSet} follows); null before
 *                  accounts existed, or when the platform made it
 */
public record ProjectCreated(long projectId, String name, Long executorId, Long createdBy) implements ProjectEvent {

    public ProjectCreated(long projectId, String name, Long executorId) {
        this(projectId, name, executorId, null);
    }
}
