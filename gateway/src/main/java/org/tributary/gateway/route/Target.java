package org.tributary.gateway.route;

/** A service the gateway forwards to. */
public enum Target {
    COMMAND("command-service"),
    QUERY("query-service"),
    EXECUTOR("executor");

    private final String serviceName;

    Target(String serviceName) {
        this.serviceName = serviceName;
    }

    public String serviceName() {
        return serviceName;
    }
}
