package org.tributary.testsupport;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.Test;
import org.tributary.testsupport.TestInfra.Kind;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class TestInfraTest {

    private static final java.util.function.BooleanSupplier YES = () -> true;
    private static final java.util.function.BooleanSupplier NO = () -> false;
    private static final java.util.function.BooleanSupplier NOT_ASKED = () -> {
        throw new AssertionError("should not be asked");
    };

    @Test
    void aForcedChoiceWinsOverEverythingFound() {
        assertThat(TestInfra.choose(Kind.EMBEDDED, true, NOT_ASKED, NOT_ASKED)).isEqualTo(Kind.EMBEDDED);
        assertThat(TestInfra.choose(Kind.DOCKER, false, NOT_ASKED, NOT_ASKED)).isEqualTo(Kind.DOCKER);
        assertThat(TestInfra.choose(Kind.LOCAL, false, NOT_ASKED, NOT_ASKED)).isEqualTo(Kind.LOCAL);
    }

    @Test
    void aNamedOrAnsweringServerComesFirstThenDockerThenEmbedded() {
        assertThat(TestInfra.choose(null, true, NOT_ASKED, NOT_ASKED)).isEqualTo(Kind.LOCAL);
        assertThat(TestInfra.choose(null, false, YES, NOT_ASKED)).isEqualTo(Kind.LOCAL);
        assertThat(TestInfra.choose(null, false, NO, YES)).isEqualTo(Kind.DOCKER);
        assertThat(TestInfra.choose(null, false, NO, NO)).isEqualTo(Kind.EMBEDDED);
    }

    @Test
    void eachDatabaseIsFreshAndSeparate() throws Exception {
        TestDatabase one = TestDatabase.create("infra-test");
        TestDatabase two = TestDatabase.create("infra-test");
        assertThat(one.jdbcUrl()).isNotEqualTo(two.jdbcUrl()).contains(one.name());
        try (java.sql.Connection c = one.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE only_in_one (v int)");
        }
        try (java.sql.Connection c = two.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_one'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void theBrokerTakesAndGivesBackAMessage() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(TestRabbit.host());
        factory.setPort(TestRabbit.port());
        factory.setUsername(TestRabbit.username());
        factory.setPassword(TestRabbit.password());
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            String queue = TestRabbit.uniqueName("infra");
            channel.queueDeclare(queue, false, false, true, null);
            channel.confirmSelect();
            channel.basicPublish("", queue, null, "hello".getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(10_000);
            GetResponse got = channel.basicGet(queue, true);
            assertThat(new String(got.getBody(), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(String.valueOf(connection.getServerProperties().get("product")).contains("RabbitMQ"))
                    .isEqualTo(TestRabbit.isRabbitMq());
            channel.queueDelete(queue);
        }
    }

    /** A server on the usual port that does not let the defaults in is passed over, not failed on. */
    @Test
    void aServerThatRefusesTheLoginIsNotTakenForOneToUse() {
        TestInfra.Postgres pg = TestInfra.postgres();
        assertThat(TestInfra.postgresLetsUsIn(pg.adminUrl(), pg.username(), pg.password())).isTrue();
        assertThat(TestInfra.postgresLetsUsIn(pg.adminUrl(), "no_such_role_" + ProcessHandle.current().pid(), "x"))
                .isFalse();

        assertThat(TestInfra.brokerLetsUsIn(TestRabbit.host(), TestRabbit.port(), TestRabbit.username(),
                TestRabbit.password())).isTrue();
        assertThat(TestInfra.brokerLetsUsIn(TestRabbit.host(), TestRabbit.port(), TestRabbit.username(),
                TestRabbit.password() + "-wrong")).isFalse();
    }
}
