package org.tributary.executor.backend;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A project secret granted to a job's node, as command-service unsealed it for this executor: a variable's value,
 * or registry credentials. Held in memory only while the job's process or Kubernetes Secret is made; never stored
 * by the executor, never logged ({@link #toString} names it only).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobSecret(String name, String kind, String value, String registry, String username, String password) {

    public static final String VARIABLE = "variable";
    public static final String REGISTRY = "registry";

    public boolean isVariable() {
        return VARIABLE.equals(kind);
    }

    public boolean isRegistry() {
        return REGISTRY.equals(kind);
    }

    /** The variable the job's script reads it from. */
    public String environmentName() {
        return "RNDFLOW_SECRET_" + name;
    }

    @Override
    public String toString() {
        return "JobSecret[" + name + ", " + kind + "]";
    }
}
