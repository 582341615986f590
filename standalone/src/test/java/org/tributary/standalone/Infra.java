package org.tributary.standalone;

import org.tributary.testsupport.TestDatabase;
import org.tributary.testsupport.TestRabbit;
import org.tributary.testsupport.TestS3;

import java.util.List;
import java.util.Map;

/**
 * Real servers for the test, named the way a user names them (TRIBUTARY_* variables): a database of its own,
 * RabbitMQ with an exchange of its own, and an S3 server.
 */
final class Infra implements AutoCloseable {

    private final TestDatabase database = TestDatabase.create("standalone");
    private final TestS3 s3 = TestS3.start();
    private final String exchange = TestRabbit.uniqueName("standalone");

    static Infra create() {
        return new Infra();
    }

    Map<String, String> variables() {
        return Map.of(
                "TRIBUTARY_DB_URL", database.jdbcUrl(),
                "TRIBUTARY_DB_USER", database.username(),
                "TRIBUTARY_DB_PASSWORD", database.password(),
                "TRIBUTARY_AMQP_URL", "amqp://" + TestRabbit.username() + ":" + TestRabbit.password() + "@"
                        + TestRabbit.host() + ":" + TestRabbit.port(),
                "TRIBUTARY_S3_ENDPOINT", s3.endpoint(),
                "TRIBUTARY_S3_ACCESS_KEY", TestS3.ACCESS_KEY,
                "TRIBUTARY_S3_SECRET_KEY", TestS3.SECRET_KEY);
    }

    List<String> serviceArgs() {
        return List.of("--tributary.proxy.exchange=" + exchange, "--tributary.executor.exchange=" + exchange);
    }

    @Override
    public void close() {
        s3.close();
    }
}
