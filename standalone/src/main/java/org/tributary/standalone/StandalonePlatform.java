package org.tributary.standalone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tributary.standalone.demo.DemoProject;
import org.tributary.standalone.infra.Secrets;
import org.tributary.standalone.infra.Infrastructure;
import org.tributary.standalone.service.Services;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The whole platform: infrastructure, then the services, then (when asked) the demo. Closing it at any moment,
 * even while it starts, stops what has started, in reverse order: the services (gateway first), then the broker,
 * S3 and PostgreSQL.
 */
public final class StandalonePlatform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StandalonePlatform.class);
    public static final String ADMIN_LOGIN = "admin";
    public static final String ADMIN_PASSWORD_FILE = "admin-password";

    private final StandaloneSettings settings;
    private final Object lock = new Object();
    private boolean closed;
    /** Set as soon as a close is asked for, before it waits for a start step to end. */
    private volatile boolean stopping;
    private Infrastructure infrastructure;
    private Services services;
    private Optional<DemoProject.Seeded> demo = Optional.empty();
    private volatile boolean demoFailed;
    private Secrets.Kept adminPassword;

    public StandalonePlatform(StandaloneSettings settings) {
        this.settings = settings;
    }

    /** Starts everything; throws {@link Stopped} when closed meanwhile. A failure stops what did start. */
    public StandalonePlatform start() {
        try {
            startParts();
        } catch (Stopped stopped) {
            throw stopped;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    private void startParts() {
        step(() -> {
            try {
                Files.createDirectories(settings.dataDir());
            } catch (IOException e) {
                throw new IllegalStateException("cannot create the data folder " + settings.dataDir(), e);
            }
            infrastructure = Infrastructure.start(settings);
        });
        step(() -> {
            // the first admin: the password given, else one made on the first start and kept in the data folder
            adminPassword = settings.adminPassword() != null ? new Secrets.Kept(settings.adminPassword(), false)
                    : Secrets.kept(settings.dataDir(), ADMIN_PASSWORD_FILE);
            services = Services.start(settings, settings.environment(), infrastructure, adminPassword.value());
        });
        if (settings.demo()) {
            step(() -> {
                try {
                    demo = DemoProject.seedOnce(services.gatewayUrl(), services.executorId(), admin());
                } catch (RuntimeException e) {
                    // the platform is fine without its example; say why and go on
                    demoFailed = true;
                    log.warn("the demo project could not be made: {}", e.getMessage());
                }
            });
        }
    }

    public String url() {
        return services.gatewayUrl() + "/";
    }

    public String docsUrl() {
        return services.gatewayUrl() + "/api/docs";
    }

    /** The first admin, who owns the demo. */
    public DemoProject.Owner admin() {
        return new DemoProject.Owner(ADMIN_LOGIN, adminPassword.value());
    }

    /** Whether this start made the admin's password: then it is shown, once. */
    public boolean adminPasswordMade() {
        return adminPassword != null && adminPassword.made();
    }

    public Services services() {
        return services;
    }

    /** Whether the demo was asked for and is there: made by this start or an earlier one. */
    public boolean hasDemo() {
        return settings.demo() && !demoFailed;
    }

    /** The demo made by this start; empty when it was not asked for or already there. */
    public Optional<DemoProject.Seeded> demo() {
        return demo;
    }

    public StandaloneSettings settings() {
        return settings;
    }

    /** Whether a close was asked for (a Ctrl-C, say); a start failing meanwhile is a consequence, not news. */
    public boolean stopping() {
        return stopping;
    }

    private void step(Runnable step) {
        synchronized (lock) {
            if (closed || stopping) {
                throw new Stopped();
            }
            step.run();
        }
    }

    @Override
    public void close() {
        stopping = true;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            long begin = System.nanoTime();
            if (services != null) {
                services.close();
            }
            if (infrastructure != null) {
                infrastructure.close();
            }
            stopLeftoverProcesses();
            log.info("stopped in {} ms", (System.nanoTime() - begin) / 1_000_000);
        }
    }

    /**
     * Processes this JVM started that outlived the service that started them (a job's runner and its script, say)
     * are stopped too: nothing the platform started may outlive it. Asked first (SIGTERM), then told (SIGKILL).
     * Last, after PostgreSQL has stopped: where this JVM adopts orphans (PID 1 in a container), the postmaster would
     * be one of them.
     */
    private static void stopLeftoverProcesses() {
        List<ProcessHandle> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        if (left.isEmpty()) {
            return;
        }
        left.forEach(p -> log.info("stopping process {} ({}), still running after its service stopped", p.pid(),
                p.info().commandLine().orElse("?")));
        left.forEach(ProcessHandle::destroy);
        try {
            CompletableFuture.allOf(left.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(3, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            left.forEach(ProcessHandle::destroyForcibly);
        } catch (InterruptedException e) {
            left.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }

    /** The platform was closed while it started. */
    public static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopped while starting", null, false, false);
        }
    }
}
