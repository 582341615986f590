package org.tributary.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedPostgresTest {

    @TempDir
    Path folder;

    @Test
    void aRestartOnTheSameFolderKeepsTheData() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(folder, 0)) {
            pg.createDatabaseIfMissing("events");
            execute(pg, "events", "CREATE TABLE t (v text)", "INSERT INTO t VALUES ('kept')");
        }
        assertThat(folder.resolve("data/postmaster.pid")).doesNotExist();

        try (EmbeddedPostgres pg = EmbeddedPostgres.start(folder, 0)) {
            pg.createDatabaseIfMissing("events");
            assertThat(values(pg, "events")).containsExactly("kept");
        }
    }

    @Test
    void withAPasswordNoConnectionGetsInWithoutIt() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(folder, 0, "s3cret-Pass_word")) {
            pg.createDatabaseIfMissing("events");
            assertThat(pg.password()).isEqualTo("s3cret-Pass_word");
            assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl("events"), pg.username(), "").close())
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl("events"), pg.username(), "guess")
                    .close()).isInstanceOf(SQLException.class);
            execute(pg, "events", "SELECT 1");
        }
        assertThat(Files.readAllLines(folder.resolve("data/pg_hba.conf")).stream()
                .filter(line -> !line.startsWith("#") && !line.isBlank())).allMatch(line -> line.endsWith("scram-sha-256"));
    }

    @Test
    void aFolderThatTrustedEveryoneAsksForThePasswordFromItsNextStart() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(folder, 0)) {
            pg.createDatabaseIfMissing("events");
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(folder, 0, "later")) {
            assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl("events"), pg.username(), "").close())
                    .isInstanceOf(SQLException.class);
            execute(pg, "events", "SELECT 1");
        }
    }

    @Test
    void aSecondServerOnAFolderInUseIsRefused() {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(folder, 0)) {
            assertThatThrownBy(() -> EmbeddedPostgres.start(folder, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use");
            // and the first one is unharmed
            pg.createDatabaseIfMissing("still_there");
        }
    }

    @Test
    void startsOverAPidFileThatNamesAnotherProcess() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(folder, 0)) {
            pg.createDatabaseIfMissing("events");
            execute(pg, "events", "CREATE TABLE t (v text)", "INSERT INTO t VALUES ('kept')");
        }
        // as after a power cut, with the old pid now used by an unrelated live process (this JVM)
        Files.writeString(folder.resolve("data/postmaster.pid"), ProcessHandle.current().pid() + "\n"
                + folder.resolve("data") + "\n1700000000\n5432\n/tmp\n127.0.0.1\n  5432001    32768\nready   \n");

        try (EmbeddedPostgres pg = EmbeddedPostgres.start(folder, 0)) {
            assertThat(values(pg, "events")).containsExactly("kept");
        }
    }

    @Test
    void stopsThePostmasterAJvmKilledByForceLeftRunning() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashingOwner.class.getName(), folder.toString())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        long postmaster = -1;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("READY ")) {
                postmaster = Long.parseLong(line.substring(6).trim());
                break;
            }
        }
        assertThat(postmaster).as("the child started PostgreSQL").isPositive();
        child.destroyForcibly();
        child.waitFor(30, TimeUnit.SECONDS);
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).as("the orphan").contains(true);

        try (EmbeddedPostgres pg = EmbeddedPostgres.start(folder, 0)) {
            assertThat(values(pg, "events")).containsExactly("before the crash");
        }
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aTransientServerRemovesItsFolder() throws Exception {
        Path dir;
        try (EmbeddedPostgres pg = EmbeddedPostgres.startTransient(0)) {
            dir = pg.folder();
            pg.createDatabaseIfMissing("scratch");
            pg.createDatabaseIfMissing("scratch");
            execute(pg, "scratch", "CREATE TABLE t (v text)", "INSERT INTO t VALUES ('x')");
            assertThat(values(pg, "scratch")).containsExactly("x");
            assertThat(pg.jdbcUrl("scratch")).isEqualTo("jdbc:postgresql://127.0.0.1:" + pg.port() + "/scratch");
        }
        assertThat(dir).doesNotExist();
    }

    static void execute(EmbeddedPostgres pg, String database, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(database), pg.username(), pg.password());
             Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    static List<String> values(EmbeddedPostgres pg, String database) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(database), pg.username(), pg.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT v FROM t")) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** Starts PostgreSQL on a folder, writes a row, names the postmaster's pid and waits to be killed. */
    public static final class CrashingOwner {
        public static void main(String[] args) throws Exception {
            EmbeddedPostgres pg = EmbeddedPostgres.start(Path.of(args[0]), 0);
            pg.createDatabaseIfMissing("events");
            execute(pg, "events", "CREATE TABLE t (v text)", "INSERT INTO t VALUES ('before the crash')");
            String pid = Files.readAllLines(Path.of(args[0], "data", "postmaster.pid")).get(0).trim();
            System.out.println("READY " + pid);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
