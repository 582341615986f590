package org.tributary.e2e;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.tributary.testsupport.TestRabbit;

/**
 * A bench's own queue on the platform's exchange, bound before anything is published so that it sees every
 * message of its routing key, and the listener that consumes it once the bench {@link #listen}s.
 */
final class BenchQueue implements AutoCloseable {

    private final CachingConnectionFactory rabbit;
    private final String queue;
    private SimpleMessageListenerContainer listener;

    BenchQueue(Platform platform, String routingKey) {
        rabbit = new CachingConnectionFactory(TestRabbit.host(), TestRabbit.port());
        rabbit.setUsername(TestRabbit.username());
        rabbit.setPassword(TestRabbit.password());
        RabbitAdmin admin = new RabbitAdmin(rabbit);
        TopicExchange exchange = new TopicExchange(platform.exchange, true, false);
        admin.declareExchange(exchange);
        queue = admin.declareQueue(new Queue(TestRabbit.uniqueName("bench"), false, true, true));
        admin.declareBinding(BindingBuilder.bind(new Queue(queue)).to(exchange).with(routingKey));
    }

    void listen(MessageListener onMessage) {
        listener = new SimpleMessageListenerContainer(rabbit);
        listener.setQueueNames(queue);
        listener.setPrefetchCount(250);
        listener.setMessageListener(onMessage);
        listener.start();
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.stop();
        }
        rabbit.destroy();
    }
}
