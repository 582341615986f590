package org.tributary.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server (zonky's binaries, PostgreSQL 17) run as a child process, with its data in a folder of
 * the caller's choosing: {@link #start(Path, int)} keeps the data across restarts, {@link #startTransient(int)} works
 * in a temporary folder that {@link #close()} deletes. The superuser is {@code postgres} with no password (trust
 * authentication, on the loopback interface only).
 *
 * <p>Layout of a persistent folder: {@code data/} is PGDATA, {@code postgres.log} the server's log.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String HOST = "127.0.0.1";
    private static final String USER = "postgres";
    /** zonky's own lock file inside PGDATA; held by the JVM whose postmaster runs on that data directory. */
    private static final String ZONKY_LOCK = "epg-lock";
    private static final String TRANSIENT_PREFIX = "tributary-pg-";

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final Path folder;
    private final Path dataDir;
    private final boolean deleteOnClose;
    private final Duration startTime;
    private final String password;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, Path folder,
                             boolean deleteOnClose, Duration startTime, String password) {
        this.server = server;
        this.password = password;
        this.folder = folder;
        this.dataDir = folder.resolve("data");
        this.deleteOnClose = deleteOnClose;
        this.startTime = startTime;
    }

    /**
     * Starts PostgreSQL on {@code folder} (created and initialised when new), on {@code port} (0: a free one). Data is
     * written durably (fsync and synchronous commit on). A postmaster that a crashed JVM left running on this folder
     * is stopped first; a stale {@code postmaster.pid} is removed.
     */
    public static EmbeddedPostgres start(Path folder, int port) {
        return start(folder, port, true, false, "");
    }

    /**
     * As {@link #start(Path, int)}, with the superuser's password: every connection, TCP or local socket, must then
     * give it (scram-sha-256), so no other process of this machine gets in as superuser. A folder initialised
     * without one is converted on this start.
     */
    public static EmbeddedPostgres start(Path folder, int port, String password) {
        if (password == null || password.isBlank() || !password.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("the password must be letters, digits, '-' and '_'");
        }
        return start(folder, port, true, false, password);
    }

    /** Starts PostgreSQL in a fresh temporary folder, deleted on {@link #close()}; durability traded for speed. */
    public static EmbeddedPostgres startTransient(int port) {
        reapAbandoned();
        Path folder;
        try {
            folder = Files.createTempDirectory(TRANSIENT_PREFIX);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return start(folder, port, false, true, "");
    }

    private static EmbeddedPostgres start(Path folder, int port, boolean durable, boolean deleteOnClose,
                                          String password) {
        long began = System.nanoTime();
        Path absolute = folder.toAbsolutePath().normalize();
        Path dataDir = absolute.resolve("data");
        try {
            Files.createDirectories(dataDir);
            boolean initialised = Files.exists(dataDir.resolve("postgresql.conf"));
            if (!initialised && !isEmpty(dataDir)) {
                throw new IllegalStateException(dataDir + " is neither empty nor a PostgreSQL data directory; "
                        + "move it away to start afresh");
            }
            if (initialised) {
                ensureNotInUse(dataDir);
                clearStalePostmaster(dataDir);
            }
            Path logFile = absolute.resolve("postgres.log");
            var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // the owner (a test JVM or the standalone app) stops it in its own order
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("listen_addresses", HOST);
            if (durable) {
                // zonky passes -F (fsync off) and synchronous_commit=off; later -c options win
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            if (!password.isEmpty()) {
                // zonky's own readiness check connects as the superuser
                builder.setConnectConfig("password", password);
            }
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
            try {
                server = builder.start();
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("PostgreSQL did not start on " + dataDir + "; last lines of "
                        + logFile + ":\n" + tail(logFile), e);
            }
            if (!password.isEmpty()) {
                try {
                    requirePassword(server.getPort(), dataDir, password);
                } catch (IOException | RuntimeException e) {
                    server.close();
                    throw e;
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            log.info("PostgreSQL {} on port {} ({}) started in {} ms", initialised ? "restarted" : "initialised",
                    server.getPort(), durable ? absolute : "transient", took.toMillis());
            return new EmbeddedPostgres(server, absolute, deleteOnClose, took, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return server.getPort();
    }

    public String username() {
        return USER;
    }

    /** The superuser's password; empty when the server trusts local connections (tests). */
    public String password() {
        return password;
    }

    /**
     * Sets the superuser's password and makes every line of {@code pg_hba.conf} ask for it; initdb wrote
     * {@code trust}. Idempotent, so a folder from before is converted on its next start.
     */
    private static void requirePassword(int port, Path dataDir, String password) throws IOException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + port + "/postgres", USER,
                password); java.sql.Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            // letters, digits, '-' and '_' only (checked above): nothing to escape
            s.execute("ALTER ROLE " + USER + " PASSWORD '" + password + "'");
            Path hba = dataDir.resolve("pg_hba.conf");
            List<String> lines = Files.readAllLines(hba);
            List<String> asking = lines.stream().map(line -> line.startsWith("#") ? line
                    : line.replaceAll("\\btrust\\s*$", "scram-sha-256")).toList();
            if (!asking.equals(lines)) {
                Files.write(hba, asking);
                s.execute("SELECT pg_reload_conf()");
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot set the password of PostgreSQL on " + dataDir, e);
        }
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>} (no credentials in the URL). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port() + "/" + database;
    }

    /** The folder given at start: {@code data/} and {@code postgres.log} are in it. */
    public Path folder() {
        return folder;
    }

    /** How long {@code start} took, for the caller's own start-up line. */
    public Duration startTime() {
        return startTime;
    }

    /** Creates database {@code name} unless it exists; safe when several callers race to create it. */
    public void createDatabaseIfMissing(String name) {
        if (name.isBlank() || name.indexOf('"') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("unusable database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, password)) {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, name);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE \"" + name + "\"");
            } catch (SQLException e) {
                // 42P04 duplicate_database: someone else created it in between, which is what we wanted
                if (!"42P04".equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
    }

    /** Stops the server (fast shutdown: a checkpoint, nothing lost) and waits until it has exited. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            log.warn("stopping PostgreSQL: {}", e.toString());
        }
        // pg_ctl gives up waiting after 5 s; the postmaster removes its pid file as its very last act
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (Files.exists(dataDir.resolve("postmaster.pid")) && System.nanoTime() < deadline) {
            pause(50);
        }
        if (deleteOnClose) {
            deleteRecursively(folder);
        }
    }

    private static void ensureNotInUse(Path dataDir) throws IOException {
        Path lockFile = dataDir.resolve(ZONKY_LOCK);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (RandomAccessFile file = new RandomAccessFile(lockFile.toFile(), "rw");
             FileLock lock = file.getChannel().tryLock()) {
            if (lock == null) {
                throw new IllegalStateException(dataDir + " is in use by another running process");
            }
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException(dataDir + " is in use by another EmbeddedPostgres in this JVM", e);
        }
    }

    /**
     * Nobody holds the folder, so a postmaster still running on it was left by a JVM that died without stopping it:
     * stop it (SIGTERM: PostgreSQL's smart shutdown, which finishes at once since its clients are gone). A pid file
     * naming a process that is not a postmaster (the pid was reused) would make PostgreSQL refuse to start: remove it.
     */
    private static void clearStalePostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        long pid;
        try {
            pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            pid = -1;
        }
        Optional<ProcessHandle> process = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
        if (process.isPresent() && process.get().isAlive()) {
            Optional<String> command = process.get().info().command();
            if (command.isEmpty()) {
                // cannot tell whether it is ours: leave the decision to PostgreSQL
                return;
            }
            if (command.get().endsWith("/postgres")) {
                log.warn("stopping the PostgreSQL server (pid {}) left running on {}", pid, dataDir);
                process.get().destroy();
                try {
                    process.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the PostgreSQL server left running on " + dataDir
                            + " (pid " + pid + ") did not stop", e);
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (Files.exists(pidFile) && System.nanoTime() < deadline) {
                    pause(50);
                }
                return;
            }
        }
        log.info("removing the stale {}", pidFile);
        Files.deleteIfExists(pidFile);
    }

    /**
     * Transient folders whose JVM was killed (a test run stopped by force) still have a postmaster running and 60 MB on
     * disk: stop and delete those nobody holds. Young folders are skipped, as their owner may still be in initdb.
     */
    private static void reapAbandoned() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> candidates;
        try (Stream<Path> entries = Files.list(tmp)) {
            candidates = entries.filter(p -> p.getFileName().toString().startsWith(TRANSIENT_PREFIX)).toList();
        } catch (IOException e) {
            return;
        }
        long tenMinutesAgo = System.currentTimeMillis() - Duration.ofMinutes(10).toMillis();
        for (Path folder : candidates) {
            Path dataDir = folder.resolve("data");
            try {
                if (Files.getLastModifiedTime(folder).toMillis() > tenMinutesAgo
                        || Files.exists(dataDir.resolve(ZONKY_LOCK))
                        && Files.getLastModifiedTime(dataDir.resolve(ZONKY_LOCK)).toMillis() > tenMinutesAgo) {
                    continue;
                }
                if (Files.exists(dataDir.resolve(ZONKY_LOCK))) {
                    ensureNotInUse(dataDir);
                }
                clearStalePostmaster(dataDir);
                deleteRecursively(folder);
                log.info("removed the abandoned {}", folder);
            } catch (IOException | RuntimeException e) {
                log.debug("leaving {}: {}", folder, e.toString());
            }
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void deleteRecursively(Path folder) {
        if (!Folders.deleteRecursively(folder)) {
            log.debug("could not delete {}", folder);
        }
    }
}
