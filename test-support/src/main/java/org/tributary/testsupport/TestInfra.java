package org.tributary.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tributary.embedded.EmbeddedBroker;
import org.tributary.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Where the tests' PostgreSQL and AMQP broker come from, decided once per JVM and per service, in this order:
 * <ol>
 *   <li>{@code local}: the server named by environment variables ({@code TRIBUTARY_TEST_PG_URL}/{@code _USER}/
 *       {@code _PASSWORD}, {@code TRIBUTARY_TEST_AMQP_HOST}/{@code _PORT}/{@code _USER}/{@code _PASSWORD}), or else
 *       one answering on its usual local port that lets the tests in (PostgreSQL 127.0.0.1:5432 as {@code postgres}
 *       without a password, able to create databases; RabbitMQ 127.0.0.1:5672 as guest/guest): what CI uses. A
 *       local server that refuses that login is passed over, with a warning, not failed on;</li>
 *   <li>{@code docker}: PostgreSQL and RabbitMQ containers (Testcontainers), where a Docker engine answers;</li>
 *   <li>{@code embedded}: PostgreSQL from zonky's binaries and an in-memory Qpid broker, in this JVM.</li>
 * </ol>
 * {@code TRIBUTARY_TEST_INFRA=local|docker|embedded} (environment variable or system property) forces one for both
 * services. Started servers live until the JVM ends.
 */
public final class TestInfra {

    public static final String SWITCH = "TRIBUTARY_TEST_INFRA";

    private static final Logger log = LoggerFactory.getLogger(TestInfra.class);

    public enum Kind {
        LOCAL, DOCKER, EMBEDDED;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A PostgreSQL server: a JDBC URL of a database from which the user may create databases. */
    public record Postgres(Kind kind, String adminUrl, String username, String password) {
    }

    /** An AMQP 0-9-1 broker; {@code rabbitMq} false for Qpid, which ignores RabbitMQ's {@code x-} arguments. */
    public record Amqp(Kind kind, String host, int port, String username, String password, boolean rabbitMq) {
    }

    private static Postgres postgres;
    private static Amqp amqp;
    private static Boolean dockerAvailable;

    private TestInfra() {
    }

    public static synchronized Postgres postgres() {
        if (postgres == null) {
            Kind kind = choose(forced(), System.getenv("TRIBUTARY_TEST_PG_URL") != null,
                    () -> answers("127.0.0.1", 5432) && localPostgresLetsUsIn(), TestInfra::dockerAvailable);
            postgres = switch (kind) {
                case LOCAL -> new Postgres(kind,
                        env("TRIBUTARY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                        env("TRIBUTARY_TEST_PG_USER", "postgres"), env("TRIBUTARY_TEST_PG_PASSWORD", ""));
                case DOCKER -> Containers.postgres();
                case EMBEDDED -> embeddedPostgres();
            };
            log.info("test PostgreSQL: {} at {}", kind, postgres.adminUrl());
        }
        return postgres;
    }

    public static synchronized Amqp amqp() {
        if (amqp == null) {
            Kind kind = choose(forced(), System.getenv("TRIBUTARY_TEST_AMQP_HOST") != null,
                    () -> answers("127.0.0.1", 5672) && localBrokerLetsUsIn(), TestInfra::dockerAvailable);
            amqp = switch (kind) {
                case LOCAL -> localAmqp();
                case DOCKER -> Containers.rabbitMq();
                case EMBEDDED -> embeddedBroker();
            };
            log.info("test AMQP broker: {} {} at {}:{}", kind, amqp.rabbitMq() ? "RabbitMQ" : "Qpid", amqp.host(),
                    amqp.port());
        }
        return amqp;
    }

    /**
     * The choice for one service. A forced choice wins; then a server named in the environment; then one answering
     * locally; then Docker; else embedded.
     */
    static Kind choose(Kind forced, boolean namedInEnvironment, BooleanSupplier answersLocally,
                       BooleanSupplier dockerAvailable) {
        if (forced != null) {
            return forced;
        }
        if (namedInEnvironment || answersLocally.getAsBoolean()) {
            return Kind.LOCAL;
        }
        return dockerAvailable.getAsBoolean() ? Kind.DOCKER : Kind.EMBEDDED;
    }

    static Kind forced() {
        String value = System.getProperty(SWITCH, System.getenv(SWITCH));
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Kind.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(SWITCH + "=" + value + ": expected local, docker or embedded", e);
        }
    }

    /**
     * A PostgreSQL installed the usual way (peer or password authentication) answers on 5432 but is not the
     * trust-auth server the defaults name: such a machine still gets its tests run, on the next choice.
     */
    private static boolean localPostgresLetsUsIn() {
        return postgresLetsUsIn("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
    }

    /** Whether the user may log in and create databases; says why not in a warning. */
    static boolean postgresLetsUsIn(String url, String user, String password) {
        java.util.Properties login = new java.util.Properties();
        login.setProperty("user", user);
        login.setProperty("password", password);
        login.setProperty("connectTimeout", "3");
        login.setProperty("socketTimeout", "10");
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url, login);
             java.sql.ResultSet role = connection.createStatement().executeQuery(
                     "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user")) {
            if (role.next() && role.getBoolean(1)) {
                return true;
            }
            log.warn("PostgreSQL at {} lets {} in but not create databases; not using it", url, user);
        } catch (java.sql.SQLException e) {
            log.warn("PostgreSQL at {} refuses {} ({}); not using it (TRIBUTARY_TEST_PG_URL/USER/PASSWORD name "
                    + "a server to use)", url, user, e.getMessage());
        }
        return false;
    }

    private static boolean localBrokerLetsUsIn() {
        return brokerLetsUsIn("127.0.0.1", 5672, "guest", "guest");
    }

    static boolean brokerLetsUsIn(String host, int port, String user, String password) {
        try (com.rabbitmq.client.Connection ignored = connect(host, port, user, password, 3000)) {
            return true;
        } catch (Exception e) {
            log.warn("the AMQP broker at {}:{} refuses {} ({}); not using it (TRIBUTARY_TEST_AMQP_HOST/PORT/USER/"
                    + "PASSWORD name a broker to use)", host, port, user, String.valueOf(e.getMessage()));
            return false;
        }
    }

    private static Amqp localAmqp() {
        String host = env("TRIBUTARY_TEST_AMQP_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("TRIBUTARY_TEST_AMQP_PORT", "5672"));
        String user = env("TRIBUTARY_TEST_AMQP_USER", "guest");
        String password = env("TRIBUTARY_TEST_AMQP_PASSWORD", "guest");
        return new Amqp(Kind.LOCAL, host, port, user, password, isRabbitMq(host, port, user, password));
    }

    /** Asks the broker itself: RabbitMQ names itself in the connection's server properties. */
    private static boolean isRabbitMq(String host, int port, String user, String password) {
        try (com.rabbitmq.client.Connection connection = connect(host, port, user, password, 5000)) {
            Map<String, Object> server = connection.getServerProperties();
            return String.valueOf(server.get("product")).toLowerCase(Locale.ROOT).contains("rabbitmq");
        } catch (Exception e) {
            throw new IllegalStateException("the test AMQP broker at " + host + ":" + port + " does not answer (set "
                    + "TRIBUTARY_TEST_AMQP_HOST/PORT/USER/PASSWORD, or " + SWITCH + "=embedded)", e);
        }
    }

    /** A plain AMQP connection (RabbitMQ's client), for what the tests do to the broker besides Spring AMQP. */
    static com.rabbitmq.client.Connection connect(String host, int port, String user, String password,
                                                  int timeoutMillis) throws java.io.IOException,
            java.util.concurrent.TimeoutException {
        com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(user);
        factory.setPassword(password);
        factory.setConnectionTimeout(timeoutMillis);
        return factory.newConnection("tributary-test-infra");
    }

    private static Postgres embeddedPostgres() {
        EmbeddedPostgres server = EmbeddedPostgres.startTransient(0);
        stopAtExit("embedded PostgreSQL", server);
        return new Postgres(Kind.EMBEDDED, server.jdbcUrl("postgres"), server.username(), server.password());
    }

    private static Amqp embeddedBroker() {
        EmbeddedBroker broker = EmbeddedBroker.startInMemory(0);
        stopAtExit("embedded AMQP broker", broker);
        return new Amqp(Kind.EMBEDDED, broker.host(), broker.port(), broker.username(), broker.password(), false);
    }

    private static void stopAtExit(String name, AutoCloseable server) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("stopping the " + name + ": " + e);
            }
        }, "stop " + name));
    }

    private static synchronized boolean dockerAvailable() {
        if (dockerAvailable == null) {
            dockerAvailable = Containers.dockerAvailable();
        }
        return dockerAvailable;
    }

    static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Testcontainers, touched only when Docker is considered, so other runs never load it. */
    private static final class Containers {

        static void requireDocker() {
            if (!TestInfra.dockerAvailable()) {
                throw new IllegalStateException(SWITCH + "=docker, but no Docker engine answers");
            }
        }

        static boolean dockerAvailable() {
            try {
                return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                return false;
            }
        }

        // the images deploy/compose.yaml runs, so that tests in containers meet the servers users deploy
        @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM ends
        static Postgres postgres() {
            requireDocker();
            var container = new org.testcontainers.containers.PostgreSQLContainer<>("postgres:17.6-bookworm");
            container.start();
            return new Postgres(Kind.DOCKER, container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }

        @SuppressWarnings("resource")
        static Amqp rabbitMq() {
            requireDocker();
            var container = new org.testcontainers.containers.RabbitMQContainer("rabbitmq:4.1.4-management");
            container.start();
            return new Amqp(Kind.DOCKER, container.getHost(), container.getAmqpPort(), container.getAdminUsername(),
                    container.getAdminPassword(), true);
        }
    }
}
