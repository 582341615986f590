package org.tributary.testsupport;

import java.util.UUID;

/**
 * The AMQP broker tests use, as {@link TestInfra#amqp()} chose it (named by {@code TRIBUTARY_TEST_AMQP_HOST}/
 * {@code _PORT}/{@code _USER}/{@code _PASSWORD}, the local RabbitMQ on 127.0.0.1:5672, a container, or an embedded
 * Qpid broker), and a unique prefix so each test class declares its own exchanges and queues.
 */
public final class TestRabbit {

    private TestRabbit() {
    }

    public static String host() {
        return TestInfra.amqp().host();
    }

    public static int port() {
        return TestInfra.amqp().port();
    }

    public static String username() {
        return TestInfra.amqp().username();
    }

    public static String password() {
        return TestInfra.amqp().password();
    }

    /** {@code amqp://user:password@host:port}, as {@code spring.rabbitmq.addresses} and TRIBUTARY_AMQP_URL take it. */
    public static String url() {
        return "amqp://" + username() + ":" + password() + "@" + host() + ":" + port();
    }

    /**
     * Whether the broker is RabbitMQ. The embedded Qpid broker speaks the same AMQP 0-9-1 but ignores RabbitMQ's
     * queue arguments ({@code x-max-length}, {@code x-overflow}, ...): tests of behaviour that needs them
     * {@code assumeTrue(TestRabbit.isRabbitMq())}.
     */
    public static boolean isRabbitMq() {
        return TestInfra.amqp().rabbitMq();
    }

    /** A connection to the test broker with RabbitMQ's plain client (to delete what a test declared, say). */
    public static com.rabbitmq.client.Connection connect() throws java.io.IOException,
            java.util.concurrent.TimeoutException {
        return TestInfra.connect(host(), port(), username(), password(), 5000);
    }

    /** A fresh name prefix, e.g. for an exchange: {@code test.<owner>.<random>}. */
    public static String uniqueName(String owner) {
        return "test." + owner + "." + UUID.randomUUID().toString().substring(0, 8);
    }
}
