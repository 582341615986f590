package org.tributary.testsupport;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * A fresh PostgreSQL database per caller, so that test classes never see each other's data. The server is the one
 * {@link TestInfra#postgres()} chose: named by {@code TRIBUTARY_TEST_PG_URL} (a JDBC URL of a database the user may
 * create databases from) with {@code TRIBUTARY_TEST_PG_USER}/{@code _PASSWORD}, the local one on 127.0.0.1:5432,
 * a container, or an embedded one.
 * <p>
 * On a server that outlives the tests (a local or named one), each database is marked with the test JVM that made
 * it (host, pid, start time), and the first database a JVM makes drops those whose JVM has ended: no test run
 * leaves databases behind for long, and none is dropped under a run that still uses it. Dropping at the end of the
 * run instead would race the Spring contexts that close in their own shutdown hooks.
 */
public final class TestDatabase {

    private static final String MARK = "tributary test database of ";
    private static boolean sweptLeftovers;

    private final TestInfra.Postgres server;
    private final String name;

    private TestDatabase(TestInfra.Postgres server, String name) {
        this.server = server;
        this.name = name;
    }

    /** Creates an empty database named after {@code owner} plus a random suffix. */
    public static TestDatabase create(String owner) {
        TestInfra.Postgres server = TestInfra.postgres();
        String name = ("t_" + owner.replaceAll("[^A-Za-z0-9]", "_") + "_"
                + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        if (name.length() > 60) {
            name = name.substring(0, 51) + name.substring(name.length() - 9);
        }
        try (Connection c = DriverManager.getConnection(server.adminUrl(), server.username(), server.password());
             Statement s = c.createStatement()) {
            sweepLeftovers(server, s);
            s.execute("CREATE DATABASE \"" + name + "\"");
            s.execute("COMMENT ON DATABASE \"" + name + "\" IS '" + MARK + thisJvm() + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " at " + server.adminUrl()
                    + " (" + server.kind() + "; set TRIBUTARY_TEST_PG_URL/USER/PASSWORD or " + TestInfra.SWITCH + ")",
                    e);
        }
        return new TestDatabase(server, name);
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        String adminUrl = server.adminUrl();
        int slash = adminUrl.lastIndexOf('/', queryStart(adminUrl));
        int query = adminUrl.indexOf('?', slash);
        return adminUrl.substring(0, slash + 1) + name + (query < 0 ? "" : adminUrl.substring(query));
    }

    public String username() {
        return server.username();
    }

    public String password() {
        return server.password();
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), username(), password());
    }

    /** {@code host pid start-instant} of this JVM. */
    static String thisJvm() {
        return markOf(ProcessHandle.current());
    }

    static String markOf(ProcessHandle process) {
        return hostName() + " " + process.pid() + " " + process.info().startInstant().map(Object::toString)
                .orElse("?");
    }

    /** Whether a mark names a JVM of this host that has ended (a pid reused since is told apart by start time). */
    static boolean ended(String mark) {
        String[] parts = mark.substring(MARK.length()).split(" ");
        if (parts.length != 3 || !parts[0].equals(hostName())) {
            return false;
        }
        Optional<ProcessHandle> process;
        try {
            process = ProcessHandle.of(Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
            return false;
        }
        return process.filter(ProcessHandle::isAlive)
                .flatMap(p -> p.info().startInstant())
                .map(start -> !start.toString().equals(parts[2]))
                .orElse(true);
    }

    private static synchronized void sweepLeftovers(TestInfra.Postgres server, Statement s) throws SQLException {
        if (sweptLeftovers || server.kind() != TestInfra.Kind.LOCAL) {
            return;
        }
        sweptLeftovers = true;
        dropEnded(s);
    }

    /** Drops the marked databases whose JVM has ended; answers their names. */
    static List<String> dropEnded(Statement s) throws SQLException {
        List<String> leftovers = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT d.datname, shobj_description(d.oid, 'pg_database') FROM "
                + "pg_database d WHERE shobj_description(d.oid, 'pg_database') LIKE '" + MARK + "%'")) {
            while (rs.next()) {
                if (ended(rs.getString(2))) {
                    leftovers.add(rs.getString(1));
                }
            }
        }
        for (String leftover : leftovers) {
            try {
                s.execute("DROP DATABASE IF EXISTS \"" + leftover.replace("\"", "\"\"") + "\"");
            } catch (SQLException e) {
                // still in use after all, or not ours to drop: the next run tries again
            }
        }
        return leftovers;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    private static int queryStart(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url.length() : query;
    }

    static String env(String name, String fallback) {
        return TestInfra.env(name, fallback);
    }
}
