package org.tributary.domain.project;

import org.tributary.domain.project.api.ProjectSecretDeleted;
import org.tributary.domain.project.api.ProjectSecretSet;
import org.tributary.domain.project.api.SetProjectSecret;
import org.tributary.domain.shared.Check;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.NotFound;
import org.tributary.domain.shared.SealedValue;
import org.tributary.domain.shared.SecretKind;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A project's secrets, as its aggregate keeps them: names, kinds, the nodes they are granted to, and sealed values
 * (the domain never holds a secret in plaintext). Names are environment variable suffixes:
 * {@code RNDFLOW_SECRET_<NAME>}.
 */
@com.fasterxml.jackson.annotation.JsonAutoDetect(fieldVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY,
        getterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE)
public final class ProjectSecrets {

    static final int MAX_SECRETS = 100;
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    /** A secret as the project keeps it; {@code nodeIds} {@code null}: every node. */
    public record Secret(String name, SecretKind kind, List<Long> nodeIds, SealedValue value) {

        boolean grantedTo(long nodeId) {
            return nodeIds == null || nodeIds.contains(nodeId);
        }
    }

    private final Map<String, Secret> secrets = new TreeMap<>();

    /** The event that sets the secret, after checking everything but the nodes (the project's to check). */
    ProjectSecretSet set(long projectId, SetProjectSecret command) {
        String name = Check.notBlank("name", command.name(), 64);
        if (!NAME.matcher(name).matches()) {
            throw new InvalidInput("name", "name '" + name + "' must be upper-case letters, digits and _ and start"
                    + " with a letter (it becomes RNDFLOW_SECRET_" + name.replaceAll("[^A-Za-z0-9_]", "_") + ")");
        }
        SecretKind kind = Check.notNull("kind", command.kind());
        Check.notNull("value", command.value());
        if (!secrets.containsKey(name) && secrets.size() >= MAX_SECRETS) {
            throw new InvalidInput("name", "a project has at most " + MAX_SECRETS + " secrets");
        }
        List<Long> nodes = null;
        if (command.nodeIds() != null) {
            for (Long nodeId : command.nodeIds()) {
                if (nodeId == null) {
                    throw new InvalidInput("node_ids", "node_ids must not contain null");
                }
            }
            nodes = List.copyOf(new LinkedHashSet<>(command.nodeIds()));
        }
        return new ProjectSecretSet(projectId, name, kind, nodes, command.value());
    }

    ProjectSecretDeleted delete(long projectId, String name) {
        if (name == null || !secrets.containsKey(name)) {
            throw new NotFound("name", "project " + projectId + " has no secret " + name);
        }
        return new ProjectSecretDeleted(projectId, name);
    }

    /** The secrets a job at this node gets, by name. */
    List<Secret> grantedTo(long nodeId) {
        List<Secret> granted = new ArrayList<>();
        for (Secret secret : secrets.values()) {
            if (secret.grantedTo(nodeId)) {
                granted.add(secret);
            }
        }
        return List.copyOf(granted);
    }

    void on(ProjectSecretSet event) {
        secrets.put(event.name(), new Secret(event.name(), event.kind(), event.nodeIds(), event.value()));
    }

    void on(ProjectSecretDeleted event) {
        secrets.remove(event.name());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProjectSecrets other && secrets.equals(other.secrets);
    }

    @Override
    public int hashCode() {
        return secrets.hashCode();
    }
}
