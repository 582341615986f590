package org.tributary.testsupport;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** Test databases left by a test JVM that has ended are dropped; those of a running one are kept. */
class TestDatabaseTest {

    @Test
    void aDatabaseOfAnEndedTestRunIsDroppedAndOneOfARunningRunIsKept() throws Exception {
        TestDatabase mine = TestDatabase.create("sweep-mine");
        TestDatabase left = TestDatabase.create("sweep-left");
        Process ended = new ProcessBuilder("java", "-version").redirectErrorStream(true).start();
        String endedMark = TestDatabase.markOf(ended.toHandle());
        ended.getInputStream().readAllBytes();
        ended.waitFor();

        TestInfra.Postgres server = TestInfra.postgres();
        try (Connection c = DriverManager.getConnection(server.adminUrl(), server.username(), server.password());
             Statement s = c.createStatement()) {
            s.execute("COMMENT ON DATABASE \"" + left.name() + "\" IS 'tributary test database of " + endedMark + "'");

            assertThat(TestDatabase.dropEnded(s)).contains(left.name()).doesNotContain(mine.name());
            assertThat(exists(s, left.name())).isFalse();
            assertThat(exists(s, mine.name())).isTrue();
        }
    }

    @Test
    void aMarkNamesAnEndedJvmOnlyOnThisHost() throws Exception {
        assertThat(TestDatabase.ended("tributary test database of " + TestDatabase.thisJvm())).isFalse();
        Process ended = new ProcessBuilder("java", "-version").redirectErrorStream(true).start();
        String mark = TestDatabase.markOf(ended.toHandle());
        ended.getInputStream().readAllBytes();
        ended.waitFor();
        assertThat(TestDatabase.ended("tributary test database of " + mark)).isTrue();
        assertThat(TestDatabase.ended("tributary test database of elsewhere.example " + mark.split(" ", 2)[1]))
                .isFalse();
    }

    static boolean exists(Statement s, String name) throws Exception {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }
}
