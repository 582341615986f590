package org.tributary.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EmbeddedBrokerTest {

    @TempDir
    Path folder;

    @Test
    void durableQueuesAndPersistentMessagesSurviveARestart() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(folder, 0)) {
            CachingConnectionFactory connections = connections(broker);
            try {
                RabbitAdmin admin = new RabbitAdmin(connections);
                TopicExchange exchange = new TopicExchange("tributary.events", true, false);
                admin.declareExchange(exchange);
                admin.declareQueue(new Queue("jobs", true, false, false));
                admin.declareBinding(BindingBuilder.bind(new Queue("jobs")).to(exchange).with("JobDispatched.#"));
                RabbitTemplate template = new RabbitTemplate(connections);
                CorrelationData confirm = new CorrelationData("m-1");
                template.send("tributary.events", "JobDispatched.1.2", persistent("survives"), confirm);
                assertThat(confirm.getFuture().get(10, TimeUnit.SECONDS).isAck()).isTrue();
            } finally {
                connections.destroy();
            }
        }

        try (EmbeddedBroker broker = EmbeddedBroker.start(folder, 0)) {
            CachingConnectionFactory connections = connections(broker);
            try {
                RabbitTemplate template = new RabbitTemplate(connections);
                Message received = template.receive("jobs", 10_000);
                assertThat(received).isNotNull();
                assertThat(new String(received.getBody(), StandardCharsets.UTF_8)).isEqualTo("survives");
                // the binding survived too
                CorrelationData confirm = new CorrelationData("m-2");
                template.send("tributary.events", "JobDispatched.3.4", persistent("routed"), confirm);
                assertThat(confirm.getFuture().get(10, TimeUnit.SECONDS).isAck()).isTrue();
                assertThat(template.receive("jobs", 10_000)).isNotNull();
            } finally {
                connections.destroy();
            }
        }
    }

    @Test
    void confirmsReturnsTopicRoutingAndManualAcks() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.startInMemory(0)) {
            CachingConnectionFactory connections = connections(broker);
            SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
            try {
                RabbitAdmin admin = new RabbitAdmin(connections);
                TopicExchange exchange = new TopicExchange("x", true, false);
                admin.declareExchange(exchange);
                admin.declareQueue(new Queue("q", true, false, false));
                admin.declareBinding(BindingBuilder.bind(new Queue("q")).to(exchange).with("JobDispatched.*.7"));

                RabbitTemplate template = new RabbitTemplate(connections);
                template.setMandatory(true);
                List<ReturnedMessage> returned = new CopyOnWriteArrayList<>();
                template.setReturnsCallback(returned::add);

                // an event nobody binds is confirmed, as RabbitMQ does (Qpid alone would nack it)
                CorrelationData unroutable = new CorrelationData("nobody");
                template.send("x", "Project.1.1", persistent("lost"), unroutable);
                assertThat(unroutable.getFuture().get(10, TimeUnit.SECONDS).isAck()).isTrue();

                // a message for a queue that does not exist comes back
                CorrelationData noQueue = new CorrelationData("no-queue");
                template.send("", "no-such-queue", persistent("back"), noQueue);
                await().until(() -> returned.size() == 1);
                assertThat(returned.get(0).getRoutingKey()).isEqualTo("no-such-queue");

                BlockingQueue<String> seen = new LinkedBlockingQueue<>();
                CompletableFuture<Void> nackedOnce = new CompletableFuture<>();
                container.setQueueNames("q");
                container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
                container.setMessageListener((ChannelAwareMessageListener) (message, channel) -> {
                    long tag = message.getMessageProperties().getDeliveryTag();
                    seen.add(new String(message.getBody(), StandardCharsets.UTF_8)
                            + (message.getMessageProperties().isRedelivered() ? " again" : ""));
                    if (nackedOnce.complete(null)) {
                        channel.basicNack(tag, false, true);
                    } else {
                        channel.basicAck(tag, false);
                    }
                });
                container.start();

                CorrelationData routed = new CorrelationData("job");
                template.send("x", "JobDispatched.3.7", persistent("job"), routed);
                assertThat(routed.getFuture().get(10, TimeUnit.SECONDS).isAck()).isTrue();
                assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("job");
                assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("job again");
                assertThat(returned).hasSize(1);
                container.stop();
                await().until(() -> admin.getQueueInfo("q").getMessageCount() == 0);
            } finally {
                container.stop();
                connections.destroy();
            }
        }
    }

    @Test
    void refusesWrongCredentials() {
        try (EmbeddedBroker broker = EmbeddedBroker.startInMemory(0, "svc", "s3cret")) {
            assertThat(broker.amqpUrl()).isEqualTo("amqp://svc:s3cret@127.0.0.1:" + broker.port());
            CachingConnectionFactory wrong = new CachingConnectionFactory(broker.host(), broker.port());
            wrong.setUsername("svc");
            wrong.setPassword("guess");
            try {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> wrong.createConnection().close())
                        .isInstanceOf(org.springframework.amqp.AmqpAuthenticationException.class);
            } finally {
                wrong.destroy();
            }
        }
    }

    private static CachingConnectionFactory connections(EmbeddedBroker broker) {
        CachingConnectionFactory connections = new CachingConnectionFactory(broker.host(), broker.port());
        connections.setUsername(broker.username());
        connections.setPassword(broker.password());
        connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        connections.setPublisherReturns(true);
        return connections;
    }

    private static Message persistent(String body) {
        MessageProperties properties = new MessageProperties();
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        return new Message(body.getBytes(StandardCharsets.UTF_8), properties);
    }
}
