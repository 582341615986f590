package org.tributary.access;

import org.tributary.domain.shared.ProjectRole;

import java.util.Objects;

/**
 * Who made a request, once their credential was checked: a signed-in user (JWT), a project API key, an executor,
 * or none ({@link #ANONYMOUS}). A key carries its one project and its role there; a user's roles come from the
 * project's members ({@link ProjectAccess}); an admin administers the platform and may act on every project.
 *
 * @param id        the user's, key's or executor's id (0 for the anonymous caller)
 * @param name      what a log or an error may show of it: a login, a key's name, an executor's label
 * @param projectId a key's project, else null
 * @param keyRole   a key's role on its project, else null
 */
public record Caller(Kind kind, long id, String name, boolean admin, Long projectId, ProjectRole keyRole) {

    public static final Caller ANONYMOUS = new Caller(Kind.ANONYMOUS, 0, "anonymous", false, null, null);

    public enum Kind {
        ANONYMOUS, USER, API_KEY, EXECUTOR
    }

    public Caller {
        Objects.requireNonNull(kind, "kind");
        name = name == null ? "" : name;
        if ((kind == Kind.API_KEY) != (projectId != null && keyRole != null)) {
            throw new IllegalArgumentException("a key, and only a key, has a project and a role");
        }
    }

    public static Caller user(long userId, String login, boolean admin) {
        return new Caller(Kind.USER, userId, login, admin, null, null);
    }

    public static Caller apiKey(long keyId, String name, long projectId, ProjectRole role) {
        return new Caller(Kind.API_KEY, keyId, name, false, projectId, role);
    }

    public static Caller executor(long executorId, String label) {
        return new Caller(Kind.EXECUTOR, executorId, label, false, null, null);
    }

    public boolean isUser() {
        return kind == Kind.USER;
    }

    public boolean isExecutor(long executorId) {
        return kind == Kind.EXECUTOR && id == executorId;
    }

    /** What the events this caller causes carry in their {@code principal} metadata: {@code user:7}, {@code key:12}. */
    public String principal() {
        return switch (kind) {
            case USER -> "user:" + id;
            case API_KEY -> "key:" + id;
            case EXECUTOR -> "executor:" + id;
            case ANONYMOUS -> "anonymous";
        };
    }
}
