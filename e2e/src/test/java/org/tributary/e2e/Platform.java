package org.tributary.e2e;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tributary.command.CommandServiceApplication;
import org.tributary.executor.ExecutorApplication;
import org.tributary.executor.dispatch.DispatchListener;
import org.tributary.proxy.ProjectionProxyApplication;
import org.tributary.query.QueryServiceApplication;
import org.tributary.testsupport.TestDatabase;
import org.tributary.testsupport.TestRabbit;
import org.tributary.testsupport.TestS3;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The four services, each its own Spring application with its own configuration file, started in this JVM on
 * random ports against one fresh database (a schema each), RabbitMQ with an exchange of its own, and an S3 server;
 * wired to each other only through HTTP, RabbitMQ and the event store, as in a cluster.
 */
final class Platform implements AutoCloseable {

    /** The key that seals project secrets in these tests: 32 random bytes, base64. */
    static final String SECRETS_KEY = java.util.Base64.getEncoder().encodeToString(
            new java.security.SecureRandom().generateSeed(32));
    /** The first admin's password: the admin registers the executor; the tests act as users they register. */
    static final String ADMIN_PASSWORD = "e2e admin password";
    final TestDatabase database = TestDatabase.create("e2e");
    final TestS3 s3 = TestS3.start();
    final String exchange = TestRabbit.uniqueName("e2e");
    private final List<ConfigurableApplicationContext> services = new ArrayList<>();
    ConfigurableApplicationContext command;
    ConfigurableApplicationContext query;
    ConfigurableApplicationContext proxy;
    ConfigurableApplicationContext executor;
    private Long executorId;

    void startWriteSide() {
        command = start(CommandServiceApplication.class, "command-service",
                "--tributary.secrets.key=" + SECRETS_KEY, "--tributary.security.admin.password=" + ADMIN_PASSWORD);
        query = start(QueryServiceApplication.class, "query-service",
                "--tributary.security.jwk-set-uri=" + url(command) + "/api/auth/jwks");
        proxy = start(ProjectionProxyApplication.class, "projection-proxy",
                "--tributary.proxy.exchange=" + exchange);
    }

    /** The admin, signed in at command-service. */
    Api admin() {
        return Api.login(url(command), "admin", ADMIN_PASSWORD);
    }

    /** A registered executor: its id and the credential it acts with. */
    record Registered(long id, String credential) {
    }

    /** Registers an executor as the admin does. */
    Registered registerExecutor(java.util.Map<String, Object> body) {
        var answer = admin().ok("POST", "/api/executors", body);
        return new Registered(answer.get("id").asLong(), answer.get("credential").asText());
    }

    void startExecutor(Registered registered, Path workDir, String... extra) {
        this.executorId = registered.id();
        List<String> args = new ArrayList<>(List.of(
                "--tributary.executor.credential=" + registered.credential(),
                "--tributary.executor.label=e2e",
                "--tributary.executor.exchange=" + exchange,
                "--tributary.executor.command-url=" + url(command),
                "--tributary.executor.work-dir=" + workDir));
        args.addAll(List.of(extra));
        executor = start(ExecutorApplication.class, "executor", args.toArray(String[]::new));
    }

    static String url(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    private ConfigurableApplicationContext start(Class<?> application, String name, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                // arguments, not default properties: they must win over each service's own config file
                "--server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.rabbitmq.addresses=amqp://" + TestRabbit.username() + ":" + TestRabbit.password() + "@"
                        + TestRabbit.host() + ":" + TestRabbit.port(),
                "--tributary.s3.endpoint=" + s3.endpoint(),
                "--tributary.s3.access-key=" + TestS3.ACCESS_KEY,
                "--tributary.s3.secret-key=" + TestS3.SECRET_KEY));
        args.addAll(List.of(extra));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .properties("spring.config.name=" + name)
                .run(args.toArray(String[]::new));
        services.add(context);
        return context;
    }

    /** Closes the services, then removes this platform's exchange and its executor's queue from the broker. */
    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        s3.close();
        try (com.rabbitmq.client.Connection connection = TestRabbit.connect();
             com.rabbitmq.client.Channel channel = connection.createChannel()) {
            if (executorId != null) {
                channel.queueDelete(DispatchListener.queueName(exchange, executorId));
                channel.queueDelete(DispatchListener.deadLetterQueueName(exchange, executorId));
            }
            channel.exchangeDelete(exchange);
        } catch (Exception e) {
            throw new IllegalStateException("cannot remove exchange " + exchange + " from the test broker", e);
        }
    }
}
