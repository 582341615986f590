package org.tributary.testsupport;

import java.util.UUID;

/**
 * The RabbitMQ broker tests use, named by {@code TRIBUTARY_TEST_AMQP_HOST}/{@code _PORT}/{@code _USER}/{@code _PASSWORD}
 * (default 127.0.0.1:5672 guest/guest), and a unique prefix so each test class declares its own exchanges and queues.
 */
public final class TestRabbit {

    private TestRabbit() {
    }

    public static String host() {
        return TestDatabase.env("TRIBUTARY_TEST_AMQP_HOST", "127.0.0.1");
    }

    public static int port() {
        return Integer.parseInt(TestDatabase.env("TRIBUTARY_TEST_AMQP_PORT", "5672"));
    }

    public static String username() {
        return TestDatabase.env("TRIBUTARY_TEST_AMQP_USER", "guest");
    }

    public static String password() {
        return TestDatabase.env("TRIBUTARY_TEST_AMQP_PASSWORD", "guest");
    }

    /** A fresh name prefix, e.g. for an exchange: {@code test.<owner>.<random>}. */
    public static String uniqueName(String owner) {
        return "test." + owner + "." + UUID.randomUUID().toString().substring(0, 8);
    }
}
