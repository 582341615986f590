package org.tributary.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh PostgreSQL database per caller, so that test classes never see each other's data. The server is the one
 * {@link TestInfra#postgres()} chose: named by {@code TRIBUTARY_TEST_PG_URL} (a JDBC URL of a database the user may
 * create databases from) with {@code TRIBUTARY_TEST_PG_USER}/{@code _PASSWORD}, the local one on 127.0.0.1:5432,
 * a container, or an embedded one.
 */
public final class TestDatabase {

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
            s.execute("CREATE DATABASE \"" + name + "\"");
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

    private static int queryStart(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url.length() : query;
    }

    static String env(String name, String fallback) {
        return TestInfra.env(name, fallback);
    }
}
