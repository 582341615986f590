package org.tributary.domain.project;

import org.tributary.domain.project.api.AddProjectMember;
import org.tributary.domain.project.api.ApiKeyCreated;
import org.tributary.domain.project.api.ApiKeyRevoked;
import org.tributary.domain.project.api.CreateApiKey;
import org.tributary.domain.project.api.ProjectMemberRemoved;
import org.tributary.domain.project.api.ProjectMemberSet;
import org.tributary.domain.project.api.RemoveProjectMember;
import org.tributary.domain.project.api.RevokeApiKey;
import org.tributary.domain.shared.Check;
import org.tributary.domain.shared.Conflict;
import org.tributary.domain.shared.Forbidden;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.NotFound;
import org.tributary.domain.shared.ProjectRole;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who may do what in a project, as its aggregate keeps it: members with their roles, and API keys with theirs. Pure:
 * each method checks a request against the rules and answers the event that grants it, or {@code null} when the
 * request changes nothing (a repeat); the aggregate applies the events back through {@code on}.
 * <p>
 * Rules: only owners add, remove and re-role members; a member may leave; the last owner can neither leave nor be
 * demoted or removed. Any member makes keys, with a role no higher than their own; a key is revoked by its maker or
 * an owner.
 */
@com.fasterxml.jackson.annotation.JsonAutoDetect(fieldVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY,
        getterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE)
public final class ProjectMembers {

    static final int MAX_MEMBERS = 1000;
    static final int MAX_ACTIVE_KEYS = 1000;

    private record Key(long createdBy, boolean revoked) {
    }

    private final Map<Long, ProjectRole> members = new HashMap<>();
    private final Map<Long, Key> keys = new HashMap<>();

    /** The user's role in the project, if they are a member. */
    public Optional<ProjectRole> roleOf(long userId) {
        return Optional.ofNullable(members.get(userId));
    }

    ProjectMemberSet set(long projectId, AddProjectMember command) {
        requireRole(command.actingUserId(), ProjectRole.OWNER, "add members or change their roles");
        ProjectRole role = Check.notNull("role", command.role());
        ProjectRole current = members.get(command.userId());
        if (current == role) {
            return null;
        }
        if (current == ProjectRole.OWNER && owners() == 1) {
            throw new Conflict("role", "user " + command.userId() + " is the project's last owner: make another"
                    + " member owner first");
        }
        if (current == null && members.size() >= MAX_MEMBERS) {
            throw new InvalidInput("user_id", "a project has at most " + MAX_MEMBERS + " members");
        }
        return new ProjectMemberSet(projectId, command.userId(), role);
    }

    ProjectMemberRemoved remove(long projectId, RemoveProjectMember command) {
        if (command.actingUserId() != command.userId()) {
            requireRole(command.actingUserId(), ProjectRole.OWNER, "remove other members");
        }
        ProjectRole current = members.get(command.userId());
        if (current == null) {
            throw new NotFound("user_id", "user " + command.userId() + " is not a member of project " + projectId);
        }
        if (current == ProjectRole.OWNER && owners() == 1) {
            throw new Conflict("user_id", "user " + command.userId() + " is the project's last owner and cannot"
                    + " leave: make another member owner first");
        }
        return new ProjectMemberRemoved(projectId, command.userId());
    }

    ApiKeyCreated createKey(long projectId, CreateApiKey command) {
        ProjectRole own = requireRole(command.actingUserId(), ProjectRole.VIEWER, "make API keys");
        ProjectRole role = Check.notNull("role", command.role());
        if (!own.includes(role)) {
            throw new Forbidden("role", "a key's role can be at most your own (" + own.wireName() + ")");
        }
        String name = Check.notBlank("name", command.name(), 100).strip();
        if (command.expiresAt() != null && command.now() != null && !command.expiresAt().isAfter(command.now())) {
            throw new InvalidInput("expires_at", "expires_at must be in the future");
        }
        if (keys.containsKey(command.keyId())) {
            throw new Conflict("key_id", "project " + projectId + " has a key " + command.keyId() + " already");
        }
        if (keys.values().stream().filter(k -> !k.revoked()).count() >= MAX_ACTIVE_KEYS) {
            throw new InvalidInput("name", "a project has at most " + MAX_ACTIVE_KEYS + " keys that work");
        }
        return new ApiKeyCreated(projectId, command.keyId(), name, role, command.expiresAt(), command.actingUserId(),
                Check.sha256("secret_digest", command.secretDigest()));
    }

    ApiKeyRevoked revoke(long projectId, RevokeApiKey command) {
        Key key = keys.get(command.keyId());
        if (key == null) {
            throw new NotFound("key_id", "project " + projectId + " has no key " + command.keyId());
        }
        if (key.createdBy() != command.actingUserId()) {
            requireRole(command.actingUserId(), ProjectRole.OWNER, "revoke keys other members made");
        }
        return key.revoked() ? null : new ApiKeyRevoked(projectId, command.keyId());
    }

    void on(ProjectMemberSet event) {
        members.put(event.userId(), event.role());
    }

    void on(ProjectMemberRemoved event) {
        members.remove(event.userId());
    }

    void on(ApiKeyCreated event) {
        keys.put(event.keyId(), new Key(event.createdBy(), false));
    }

    void on(ApiKeyRevoked event) {
        keys.computeIfPresent(event.keyId(), (id, key) -> new Key(key.createdBy(), true));
    }

    private ProjectRole requireRole(long userId, ProjectRole needed, String what) {
        ProjectRole role = members.get(userId);
        if (role == null) {
            throw new Forbidden("user_id", "only members of the project may " + what);
        }
        if (!role.includes(needed)) {
            throw new Forbidden("role", "only " + needed.wireName() + "s may " + what + "; you are "
                    + role.wireName());
        }
        return role;
    }

    private long owners() {
        return members.values().stream().filter(role -> role == ProjectRole.OWNER).count();
    }
}
