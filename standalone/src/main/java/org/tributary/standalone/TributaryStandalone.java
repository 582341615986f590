package org.tributary.standalone;

import ch.qos.logback.classic.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tributary.embedded.Folders;
import org.tributary.standalone.demo.DemoProject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One command, the whole platform, no server installed: embedded PostgreSQL, AMQP broker and S3 (each replaced by
 * a real one when its {@code TRIBUTARY_*} variable is set), command-service, query-service, projection-proxy, the
 * executor with its local backend, and the gateway, each its own Spring application in this JVM
 * (docs/decisions/0005). Prints one line with the URL; Ctrl-C stops everything cleanly.
 */
public final class TributaryStandalone {

    static final String USAGE = """
            Usage: tributary [--demo] [--data-dir=DIR] [--port=N] [--address=IP] [--kubernetes] [--verbose]
                             [--admin-password=PASSWORD] [--name=value…]
                   tributary --self-test
              --demo        seed the example project "demo" when no project of that name exists
              --data-dir    where PostgreSQL, the broker, S3 and the executor keep their data (default ./.tributary)
              --port        the gateway's port (default 8080, or TRIBUTARY_GATEWAY_PORT; 0 = any free port)
              --address     the address the services listen on (default 127.0.0.1); the embedded PostgreSQL,
                            broker and S3 stay on 127.0.0.1, so file URLs work on this machine only
              --verbose     log what every service logs
              --admin-password  the password of the first admin ("admin"), made on the first start of a data
                            folder; without it one is generated, shown once and kept in <data-dir>/secrets/
              --self-test   start on embedded servers in a new temporary folder, run the demo's three jobs, stop,
                            delete the folder; exit 0 when every job was Processed
              --kubernetes  run jobs as Kubernetes Jobs in the node's container, on the cluster of the usual
                            kubeconfig (KUBECONFIG, ~/.kube/config or KUBERNETES_MASTER), instead of local processes;
                            the same as --tributary.executor.backend=kubernetes
              other --name=value arguments go to every service
            Real servers instead of the embedded ones: TRIBUTARY_DB_URL (+ _USER, _PASSWORD), TRIBUTARY_AMQP_URL,
            TRIBUTARY_S3_ENDPOINT (+ _ACCESS_KEY, _SECRET_KEY, _REGION).
            The executor's settings (as --name=value, or in the environment as TRIBUTARY_EXECUTOR_…):
              tributary.executor.backend                   local (default) or kubernetes
              tributary.executor.label                     the name it registers under (default standalone)
              tributary.executor.capabilities.gpus.KIND    GPUs it offers by kind (nvidia, amd)
              tributary.executor.capabilities.max-running-jobs   jobs at once (default: the processors)
              tributary.executor.runner-command            the command that runs one job, with {host} and {job}:
                            e.g. "rndflow-execute --host {host} --job {job}" for the original job library;
                            default Tributary's own runner on this JVM (local backend)
              tributary.executor.public-url                the URL jobs reach the executor at
              tributary.executor.work-dir                  where local jobs run (default <data-dir>/executor)
              tributary.executor.time-zone                 TZ of the jobs (default this machine's)
              tributary.executor.access-token-ttl, refresh-grace, presign-expiry   token and URL lifetimes
              tributary.executor.heartbeat-timeout         a running job silent this long ends as Dead (default PT5M)
              tributary.executor.local.path-prefix         folders put before PATH for local jobs (a:b)
              tributary.executor.interactive.idle-limit    an interactive job's Jupyter idle this long is stopped
                                                           (default PT1H); check-interval how often it is asked (PT1M)
              tributary.executor.interactive.host          where local jobs' Jupyter listens (default 127.0.0.1)
              tributary.executor.interactive.service-url   how the gateway reaches a job's Service on Kubernetes
                                                           (default http://{service}.{namespace}.svc:{port})
              tributary.executor.id, command-url, exchange   set by this command for its own services
              tributary.executor.credential                what an admin got registering the executor (POST
                                                           /api/executors); this command registers its own on the
                                                           first start and keeps it in <data-dir>/secrets/
              tributary.executor.kubernetes.namespace      where Jobs go (default the kubeconfig's namespace)
              tributary.executor.kubernetes.instance       this platform's name in Job names and labels
              tributary.executor.kubernetes.executor-url   the URL pods reach the executor at
              tributary.executor.kubernetes.service-account, pull-policy, pull-secrets[N], finished-ttl, max-jobs
              tributary.executor.kubernetes.gpus.KIND.node-selector.[LABEL], gpus.KIND.tolerations[N].key|…
              tributary.executor.kubernetes.priority-classes.low|normal|high
              tributary.executor.kubernetes.runner         library (the image runs rndflow-execute) or injected
              tributary.executor.kubernetes.runner-image   the runner image copied in when injected
              tributary.executor.kubernetes.image-pull-grace   how long a pull may fail (default PT2M)
            """;

    private TributaryStandalone() {
    }

    public static void main(String[] args) {
        long begin = System.nanoTime();
        prepareJvm();
        List<String> given = new ArrayList<>(List.of(args));
        boolean selfTest = given.remove("--self-test");
        StandaloneSettings settings;
        try {
            settings = StandaloneSettings.parse(given.toArray(String[]::new), System.getenv(), systemProperties());
            if (selfTest) {
                settings = selfTestSettings(settings);
            }
        } catch (StandaloneSettings.Help help) {
            System.out.print(USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (settings.verbose()) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
        }
        StandalonePlatform platform = new StandalonePlatform(settings);
        // before anything starts: a Ctrl-C while PostgreSQL starts must still stop it. The signals close the
        // platform in order before the JVM shuts down; the hook covers any other way the JVM ends (System.exit)
        StopSignals.install(platform);
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "tributary-shutdown"));
        try {
            platform.start();
        } catch (StandalonePlatform.Stopped stopped) {
            return;
        } catch (RuntimeException e) {
            if (platform.stopping()) {
                return;
            }
            LoggerFactory.getLogger(TributaryStandalone.class).error("Tributary could not start", e);
            System.err.println("Tributary could not start: " + rootMessage(e));
            if (selfTest) {
                // start() closed what had started; the folder was the self-test's own
                deleteTree(settings.dataDir());
            }
            System.exit(1);
            return;
        }
        System.out.println(line(platform, (System.nanoTime() - begin) / 1_000_000));
        if (platform.adminPasswordMade()) {
            // shown this once; kept (readable by its owner only) in the data folder
            System.out.println("First start: log in as \"" + StandalonePlatform.ADMIN_LOGIN + "\" with the password \""
                    + platform.admin().password() + "\" (kept in " + platform.settings().dataDir().resolve("secrets")
                    .resolve(StandalonePlatform.ADMIN_PASSWORD_FILE) + ")");
        }
        if (selfTest) {
            System.exit(selfTest(platform));
        }
    }

    /**
     * The self-test checks this machine, not the user's servers: embedded parts only (no {@code TRIBUTARY_*}
     * variable applies), a new folder, any free port. The build runs it to record the classes a start loads (the
     * class data sharing archive, docs/decisions/0007).
     */
    static StandaloneSettings selfTestSettings(StandaloneSettings given) {
        try {
            return new StandaloneSettings(Files.createTempDirectory("tributary-self-test-"), true, 0,
                    given.address(), given.verbose(), Map.of(), given.serviceArgs(), given.adminPassword());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot make a temporary folder for the self-test: " + e.getMessage());
        }
    }

    /** Runs the demo to its end, stops the platform and removes its folder; the exit status to end with. */
    static int selfTest(StandalonePlatform platform) {
        long begin = System.nanoTime();
        int exit;
        Optional<DemoProject.Seeded> demo = platform.demo();
        if (demo.isEmpty()) {
            System.out.println("self-test failed: the demo project could not be made");
            exit = 1;
        } else {
            Map<String, String> jobs;
            try {
                jobs = DemoProject.awaitJobs(platform.url(), demo.get(), platform.admin(),
                        Duration.ofMinutes(2));
            } catch (RuntimeException e) {
                jobs = Map.of("demo", "unreadable: " + e.getMessage());
            }
            boolean passed = jobs.values().stream().allMatch("Processed"::equals);
            System.out.printf(Locale.ROOT, "self-test %s: demo jobs %s after %.1f s%n", passed ? "passed" : "failed",
                    jobs, (System.nanoTime() - begin) / 1e9);
            exit = passed ? 0 : 1;
        }
        platform.close();
        deleteTree(platform.settings().dataDir());
        return exit;
    }

    private static void deleteTree(Path folder) {
        if (!Folders.deleteRecursively(folder)) {
            System.err.println("could not remove " + folder);
        }
    }

    static String line(StandalonePlatform platform, long millis) {
        String demo = platform.hasDemo() ? ", demo project \"demo\"" : "";
        return "Tributary is running at " + platform.url() + " — API docs " + platform.docsUrl()
                + " (data in " + platform.settings().dataDir() + demo + "; started in "
                + String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0) + " s; Ctrl-C stops it)";
    }

    /**
     * Several Spring applications share this JVM: Spring Boot's logging setup, made per application, would be
     * redone by each (logback.xml here configures it once), and Axon would ask its servers for updates.
     */
    public static void prepareJvm() {
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        // Tomcat logs through java.util.logging; Spring Boot would bridge it, and now this does
        if (!org.slf4j.bridge.SLF4JBridgeHandler.isInstalled()) {
            org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
            org.slf4j.bridge.SLF4JBridgeHandler.install();
        }
        System.setProperty("axoniq.update-checker.disabled", "true");
        ClasspathUrls.register();
        System.setProperty("disable-axoniq-console-message", "true");
    }

    private static Map<String, String> systemProperties() {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().forEach((k, v) -> properties.put(k.toString(), v.toString()));
        return properties;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    }
}
