package org.tributary.standalone.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.context.ConfigurableApplicationContext;
import org.tributary.command.CommandServiceApplication;
import org.tributary.executor.ExecutorApplication;
import org.tributary.executor.config.ExecutorIdentity;
import org.tributary.gateway.GatewayApplication;
import org.tributary.proxy.ProjectionProxyApplication;
import org.tributary.query.QueryServiceApplication;
import org.tributary.standalone.StandaloneSettings;
import org.tributary.standalone.StandalonePlatform;
import org.tributary.standalone.StartThreads;
import org.tributary.standalone.infra.Infrastructure;

import org.tributary.standalone.infra.Secrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The five services, each its own Spring application with its own configuration file, in this JVM, wired to each
 * other only by URLs, the event store and the broker, as in a cluster. Each starts once the parts it uses run:
 * command-service and query-service with PostgreSQL and S3 (while the broker still starts), projection-proxy with
 * PostgreSQL and the broker, the executor once command-service (where it registers) runs too, and the gateway last,
 * once it knows where they listen.
 */
public final class Services implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Services.class);

    /** A started service. */
    public record Service(String name, ConfigurableApplicationContext context) {
        public String url() {
            return "http://" + context.getEnvironment().getProperty("server.address", "127.0.0.1") + ":"
                    + context.getEnvironment().getProperty("local.server.port");
        }
    }

    private final List<Service> started = new ArrayList<>();

    private Services() {
    }

    /**
     * @param variables      the {@code TRIBUTARY_*} settings given by the user
     * @param infrastructure the parts, still starting: each service waits for those it uses
     */
    public static Services start(StandaloneSettings settings, Map<String, String> variables,
                                 Infrastructure infrastructure, String adminPassword) {
        Services services = new Services();
        ExecutorService threads = StartThreads.pool("tributary-start", 3);
        try {
            CompletableFuture<Map<String, String>> db = infrastructure.database();
            CompletableFuture<Map<String, String>> s3 = infrastructure.objectStore();
            CompletableFuture<Map<String, String>> amqp = infrastructure.broker();
            // command-service and query-service need no broker: they start while it still starts
            CompletableFuture<Service> command = with(variables, db, s3).thenApplyAsync(vars -> services.start(
                    "command-service", CommandServiceApplication.builder(), common(settings, vars),
                    port(vars, "TRIBUTARY_COMMAND_PORT"), excluding(Prefixes.AMQP),
                    "--tributary.secrets.key=" + vars.getOrDefault("TRIBUTARY_SECRETS_KEY",
                            Secrets.key(settings.dataDir(), "secrets-key", 32)),
                    "--tributary.security.admin.login=" + StandalonePlatform.ADMIN_LOGIN,
                    "--tributary.security.admin.password=" + adminPassword), threads);
            // query-service checks access tokens with command-service's keys
            CompletableFuture<Service> query = with(variables, db, s3).thenCombineAsync(command, (vars, c) ->
                    services.start("query-service", new SpringApplicationBuilder(QueryServiceApplication.class)
                            .properties(QueryServiceApplication.CONFIG_NAME), common(settings, vars),
                    port(vars, "TRIBUTARY_QUERY_PORT"), excluding(Prefixes.AMQP),
                    "--tributary.security.jwk-set-uri=" + c.url() + "/api/auth/jwks"), threads);
            CompletableFuture<Service> proxy = with(variables, db, amqp).thenApplyAsync(vars -> services.start(
                    "projection-proxy", ProjectionProxyApplication.builder(), common(settings, vars),
                    port(vars, "TRIBUTARY_PROXY_PORT"),
                    excluding(Prefixes.AXON, Prefixes.SPRINGDOC, Prefixes.SECURITY,
                            Prefixes.ACTUATOR_SECURITY)), threads);
            // the admin registers the executor at command-service on the first start; it acts with that credential
            CompletableFuture<Service> executor = with(variables, db, s3, amqp).thenCombine(command, (vars, c) -> {
                String label = vars.getOrDefault("TRIBUTARY_EXECUTOR_LABEL", "standalone");
                String credential = vars.containsKey("TRIBUTARY_EXECUTOR_CREDENTIAL")
                        ? vars.get("TRIBUTARY_EXECUTOR_CREDENTIAL")
                        : ExecutorEnrollment.credential(settings.dataDir(), c.url(), adminPassword, label,
                        ExecutorEnrollment.registeredBefore(c.context().getBean(
                                org.springframework.jdbc.core.JdbcTemplate.class), label));
                return services.start("executor", ExecutorApplication.builder(), common(settings, vars),
                        port(vars, "TRIBUTARY_EXECUTOR_PORT"), excluding(Prefixes.AXON, Prefixes.SPRINGDOC),
                        "--tributary.executor.command-url=" + c.url(),
                        "--tributary.executor.work-dir=" + settings.dataDir().resolve("executor"),
                        "--tributary.executor.label=" + label,
                        "--tributary.executor.credential=" + credential);
            });
            List<Service> all = join(command, query, proxy, executor);
            Service c = all.get(0);
            Service q = all.get(1);
            Service p = all.get(2);
            Service e = all.get(3);
            services.start("gateway", GatewayApplication.builder(), common(settings, variables),
                    "--server.port=" + settings.port(),
                    "--tributary.gateway.command-url=" + c.url(),
                    "--tributary.gateway.query-url=" + q.url(),
                    "--tributary.gateway.executor-url=" + e.url(),
                    "--tributary.gateway.health-checks.command-service=" + c.url(),
                    "--tributary.gateway.health-checks.query-service=" + q.url(),
                    "--tributary.gateway.health-checks.projection-proxy=" + p.url(),
                    "--tributary.gateway.health-checks.executor=" + e.url());
            return services;
        } catch (RuntimeException e) {
            services.close();
            throw e;
        } finally {
            threads.shutdown();
        }
    }

    /** The user's variables plus those of the given parts, once all of them run. */
    @SafeVarargs
    private static CompletableFuture<Map<String, String>> with(Map<String, String> variables,
                                                               CompletableFuture<Map<String, String>>... parts) {
        CompletableFuture<Map<String, String>> result = CompletableFuture.completedFuture(variables);
        for (CompletableFuture<Map<String, String>> part : parts) {
            result = result.thenCombine(part, (a, b) -> {
                Map<String, String> merged = new java.util.HashMap<>(a);
                merged.putAll(b);
                return merged;
            });
        }
        return result;
    }

    public Service get(String name) {
        synchronized (started) {
            return started.stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException(name + " is not running"));
        }
    }

    public String gatewayUrl() {
        return get("gateway").url();
    }

    /** The executor's id at command-service: registered on its first start, kept in its schema since. */
    public long executorId() {
        return get("executor").context().getBean(ExecutorIdentity.class).id();
    }

    /** Closes the services in the reverse order of their start; each one finishes what it was doing. */
    @Override
    public void close() {
        List<Service> reverse;
        synchronized (started) {
            reverse = new ArrayList<>(started);
            started.clear();
        }
        for (int i = reverse.size() - 1; i >= 0; i--) {
            Service service = reverse.get(i);
            try {
                service.context().close();
            } catch (RuntimeException e) {
                log.warn("closing {} failed: {}", service.name(), e.toString());
            }
        }
    }

    private Service start(String name, SpringApplicationBuilder builder, List<String> common, String... extra) {
        List<String> args = new ArrayList<>(common);
        for (String arg : extra) {
            if (arg != null) {
                args.add(arg);
            }
        }
        long begin = System.nanoTime();
        ConfigurableApplicationContext context = builder
                // one hook for the whole platform closes the services in order (TributaryStandalone)
                .registerShutdownHook(false)
                .run(args.toArray(String[]::new));
        Service service = new Service(name, context);
        synchronized (started) {
            started.add(service);
        }
        log.info("{} is up at {} in {} ms", name, service.url(), (System.nanoTime() - begin) / 1_000_000);
        return service;
    }

    /**
     * Settings every service gets. The {@code TRIBUTARY_*} variables go as arguments of the same name, which the
     * services' {@code ${TRIBUTARY_DB_URL:…}} placeholders read exactly as they would read the environment.
     */
    private static List<String> common(StandaloneSettings settings, Map<String, String> variables) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.main.banner-mode=off",
                "--logging.register-shutdown-hook=false",
                "--server.address=" + settings.address()));
        new TreeMap<>(variables).forEach((name, value) -> args.add("--" + name + "=" + value));
        args.addAll(settings.serviceArgs());
        return args;
    }

    /** The port a service's own variable names, else a free one (only the gateway's port is meant for people). */
    private static String port(Map<String, String> variables, String variable) {
        String value = variables.get(variable);
        return value == null || value.isBlank() ? "--server.port=0" : null;
    }

    /**
     * In one JVM every service sees every library, and Spring Boot would configure what it finds: an AMQP
     * connection in command-service, an Axon bus in the executor, API docs in the proxy. A service gets what its
     * own deployment would have, by leaving out the auto-configurations of libraries it does not use.
     */
    private static String excluding(String... prefixes) {
        List<String> excluded = ImportCandidates.load(AutoConfiguration.class, Services.class.getClassLoader())
                .getCandidates().stream()
                .filter(name -> java.util.Arrays.stream(prefixes).anyMatch(name::startsWith))
                .toList();
        return excluded.isEmpty() ? null : "--spring.autoconfigure.exclude=" + String.join(",", excluded);
    }

    private static final class Prefixes {
        static final String AMQP = "org.springframework.boot.autoconfigure.amqp.";
        static final String AXON = "org.axonframework.";
        static final String SPRINGDOC = "org.springdoc.";
        // the proxy and the gateway check no credentials: the services behind them do (docs/decisions/0015)
        static final String SECURITY = "org.springframework.boot.autoconfigure.security.";
        static final String ACTUATOR_SECURITY = "org.springframework.boot.actuate.autoconfigure.security.";
    }

    @SafeVarargs
    private static List<Service> join(CompletableFuture<Service>... futures) {
        List<Service> services = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<Service> future : futures) {
            try {
                services.add(future.join());
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
                        : new IllegalStateException(e.getCause());
                if (failure == null) {
                    failure = cause;
                } else if (cause != failure) {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return services;
    }
}
