package org.tributary.proxy.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.tributary.proxy.ProjectionProxyApplication;
import org.tributary.testsupport.TestDatabase;
import org.tributary.testsupport.TestEventStore;
import org.tributary.testsupport.TestRabbit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A fresh database with command-service's event store, a fresh exchange, and the proxy between them. */
final class ProxyRig implements AutoCloseable {

    final TestDatabase database;
    final TestEventStore store;
    final String exchange;
    final CachingConnectionFactory rabbit;
    final RabbitAdmin admin;
    final RabbitTemplate client;
    private ConfigurableApplicationContext proxy;

    ProxyRig(String owner) {
        database = TestDatabase.create(owner);
        store = TestEventStore.create(database);
        exchange = TestRabbit.uniqueName(owner);
        rabbit = new CachingConnectionFactory(TestRabbit.host(), TestRabbit.port());
        rabbit.setUsername(TestRabbit.username());
        rabbit.setPassword(TestRabbit.password());
        admin = new RabbitAdmin(rabbit);
        client = new RabbitTemplate(rabbit);
        // declared here too, so that queues can be bound before the proxy publishes anything
        admin.declareExchange(new TopicExchange(exchange, true, false));
    }

    void startProxy(String... extra) {
        proxy = anotherProxy(extra);
    }

    /** A proxy on this rig's database and exchange besides the one {@link #startProxy} started; the caller closes it. */
    ConfigurableApplicationContext anotherProxy(String... extra) {
        // arguments, not default properties: those rank below projection-proxy.yml
        return ProjectionProxyApplication.builder().run(java.util.stream.Stream.concat(java.util.stream.Stream.of(
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.rabbitmq.addresses=amqp://" + TestRabbit.username() + ":" + TestRabbit.password()
                        + "@" + TestRabbit.host() + ":" + TestRabbit.port(),
                "--tributary.proxy.exchange=" + exchange,
                "--server.port=0"), java.util.Arrays.stream(extra)).toArray(String[]::new));
    }

    <T> T bean(Class<T> type) {
        return proxy.getBean(type);
    }

    void stopProxy() {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
    }

    /** A queue that lives as long as this rig's connection, bound with {@code pattern}. */
    String bindQueue(String pattern) {
        // not auto-delete: receive() cancels its consumer after each message
        String queue = admin.declareQueue(new Queue(TestRabbit.uniqueName("queue"), false, true, false));
        admin.declareBinding(BindingBuilder.bind(new Queue(queue)).to(new TopicExchange(exchange)).with(pattern));
        return queue;
    }

    Message receive(String queue) {
        Message message = client.receive(queue, 15_000);
        assertThat(message).as("a message on %s", queue).isNotNull();
        return message;
    }

    /** The global index the proxy's stored token has reached, empty before it stored one. */
    OptionalLong tokenIndex() {
        byte[] token = query("SELECT token FROM proxy.tokenentry WHERE processorname = 'proxy' AND segment = 0");
        if (token == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(new ObjectMapper().readTree(token).get("index").asLong());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Appends an event with exactly these payload bytes, as a command-service with other classes might. */
    String appendRaw(String aggregateId, String payloadType, String json) {
        String eventId = UUID.randomUUID().toString();
        try (Connection connection = database.connect();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO command.domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,
                         metadata, payload, payloadrevision, payloadtype, timestamp)
                     VALUES (?, 0, 'Project', ?, ?, ?, NULL, ?, ?)""")) {
            insert.setString(1, aggregateId);
            insert.setString(2, eventId);
            insert.setBytes(3, "{}".getBytes(StandardCharsets.UTF_8));
            insert.setBytes(4, json.getBytes(StandardCharsets.UTF_8));
            insert.setString(5, payloadType);
            insert.setString(6, TestEventStore.storedTime(Instant.now()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return eventId;
    }

    byte[] storedPayload(String eventId) {
        return query("SELECT payload FROM command.domainevententry WHERE eventidentifier = '" + eventId + "'");
    }

    private byte[] query(String sql) {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getBytes(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stopProxy();
        admin.deleteExchange(exchange);
        rabbit.destroy();
    }
}
