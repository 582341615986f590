package org.tributary.standalone;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the standalone run was asked for: from {@code --name=value} arguments, then {@code tributary.standalone.*}
 * system properties, then {@code TRIBUTARY_STANDALONE_*} environment variables.
 *
 * @param dataDir     where every embedded part keeps its data (PostgreSQL, broker, S3 objects, the executor's jobs)
 * @param demo        seed the demo project on a first start
 * @param port        the gateway's port; 0 picks a free one
 * @param address     the address every server listens on; loopback, since nothing here checks who calls
 * @param verbose     log every service's INFO lines too
 * @param environment the {@code TRIBUTARY_*} variables the services read (real PostgreSQL, broker, S3 when set)
 * @param serviceArgs further {@code --name=value} arguments, given to every service
 * @param adminPassword the first admin's password ({@code --admin-password}); null: one is made and kept in the data
 *                      folder
 */
public record StandaloneSettings(Path dataDir, boolean demo, int port, String address, boolean verbose,
                                 Map<String, String> environment, List<String> serviceArgs, String adminPassword) {

    public static final String PREFIX = "tributary.standalone.";

    public StandaloneSettings {
        if (adminPassword != null && adminPassword.length() < 10) {
            throw new IllegalArgumentException("--admin-password must have at least 10 characters");
        }
        dataDir = dataDir.toAbsolutePath().normalize();
        environment = Map.copyOf(environment);
        serviceArgs = List.copyOf(serviceArgs);
    }

    public static StandaloneSettings parse(String[] args, Map<String, String> env, Map<String, String> system) {
        Map<String, String> given = new HashMap<>();
        List<String> passOn = new ArrayList<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unknown argument " + arg + " (arguments look like --name=value)");
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            String value = eq < 0 ? "true" : body.substring(eq + 1);
            if (name.startsWith(PREFIX)) {
                name = name.substring(PREFIX.length());
            }
            if (List.of("data-dir", "demo", "port", "address", "verbose", "admin-password").contains(name)) {
                given.put(name, value);
            } else if (name.equals("help")) {
                given.put("help", "true");
            } else if (name.equals("kubernetes") && eq < 0) {
                // jobs as Kubernetes Jobs on the cluster of the usual kubeconfig, instead of local processes
                passOn.add("--tributary.executor.backend=kubernetes");
            } else {
                passOn.add(arg);
            }
        }
        if (given.containsKey("help")) {
            throw new Help();
        }
        Lookup lookup = new Lookup(given, env, system);
        String port = lookup.get("port").orElse(env.getOrDefault("TRIBUTARY_GATEWAY_PORT", "8080"));
        return new StandaloneSettings(
                Path.of(lookup.get("data-dir").orElse(".tributary")),
                Boolean.parseBoolean(lookup.get("demo").orElse("false")),
                parsePort(port),
                lookup.get("address").orElse("127.0.0.1"),
                Boolean.parseBoolean(lookup.get("verbose").orElse("false")),
                tributaryVariables(env, system),
                passOn,
                lookup.get("admin-password").filter(v -> !v.isBlank()).orElse(null));
    }

    /** A setting of the environment the services read, e.g. {@code TRIBUTARY_DB_URL}; blank counts as unset. */
    public Optional<String> env(String name) {
        return Optional.ofNullable(environment.get(name)).filter(v -> !v.isBlank());
    }

    public StandaloneSettings withEnvironment(Map<String, String> extra) {
        Map<String, String> merged = new HashMap<>(environment);
        merged.putAll(extra);
        return new StandaloneSettings(dataDir, demo, port, address, verbose, merged, serviceArgs, adminPassword);
    }

    /** Never shows the admin's password. */
    @Override
    public String toString() {
        return "StandaloneSettings[dataDir=" + dataDir + ", demo=" + demo + ", port=" + port + ", address=" + address
                + ", adminPassword=" + (adminPassword == null ? "kept in the data folder" : "given") + "]";
    }

    /** {@code TRIBUTARY_*} from the environment, or from system properties of the same name. */
    private static Map<String, String> tributaryVariables(Map<String, String> env, Map<String, String> system) {
        Map<String, String> variables = new HashMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("TRIBUTARY_")) {
                variables.put(k, v);
            }
        });
        system.forEach((k, v) -> {
            if (k.startsWith("TRIBUTARY_")) {
                variables.put(k, v);
            }
        });
        return variables;
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be 0..65535, not " + value);
        }
    }

    private record Lookup(Map<String, String> given, Map<String, String> env, Map<String, String> system) {
        Optional<String> get(String name) {
            String envName = ("TRIBUTARY_STANDALONE_" + name).replace('-', '_').toUpperCase(Locale.ROOT);
            for (String value : new String[]{given.get(name), system.get(PREFIX + name), env.get(envName)}) {
                if (value != null && !value.isBlank()) {
                    return Optional.of(value.trim());
                }
            }
            return Optional.empty();
        }
    }

    /** {@code --help} was asked for. */
    public static final class Help extends RuntimeException {
        Help() {
            super(null, null, false, false);
        }
    }
}
