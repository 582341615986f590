package org.tributary.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh PostgreSQL database per caller, so that test classes never see each other's data.
 * The server is named by {@code TRIBUTARY_TEST_PG_URL} (a JDBC URL of a database the user may create
 * databases from), default the local server on 127.0.0.1:5432 as {@code postgres}.
 */
public final class TestDatabase {

    private static final String ADMIN_URL = env("TRIBUTARY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = env("TRIBUTARY_TEST_PG_USER", "postgres");
    private static final String PASSWORD = env("TRIBUTARY_TEST_PG_PASSWORD", "");

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    /** Creates an empty database named after {@code owner} plus a random suffix. */
    public static TestDatabase create(String owner) {
        String name = ("t_" + owner.replaceAll("[^A-Za-z0-9]", "_") + "_"
                + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        if (name.length() > 60) {
            name = name.substring(0, 51) + name.substring(name.length() - 9);
        }
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " at " + ADMIN_URL
                    + " (set TRIBUTARY_TEST_PG_URL/USER/PASSWORD)", e);
        }
        return new TestDatabase(name);
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        int slash = ADMIN_URL.lastIndexOf('/');
        int query = ADMIN_URL.indexOf('?', slash);
        return ADMIN_URL.substring(0, slash + 1) + name + (query < 0 ? "" : ADMIN_URL.substring(query));
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
