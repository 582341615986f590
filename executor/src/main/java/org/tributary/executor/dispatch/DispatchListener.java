package org.tributary.executor.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.tributary.domain.job.api.JobCancelled;
import org.tributary.domain.job.api.JobDispatched;
import org.tributary.executor.command.CommandClient;
import org.tributary.executor.config.EventJson;
import org.tributary.executor.config.PublicUrl;
import org.tributary.executor.livelog.ReadKey;
import org.tributary.executor.config.ExecutorIdentity;
import org.tributary.executor.config.ExecutorProperties;
import org.tributary.executor.job.JobLifecycle;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Takes the JobDispatched events routed to this executor from its durable queue ({@link #queueName}, bound with
 * {@code JobDispatched.*.<id>}). A message is acknowledged only after its job is stored, and a
 * redelivered one is recognised by its message id (the Axon event id), so each job is claimed once.
 * Starts after the web server, because the jobs it resumes call the executor API at once.
 */
@Component
public class DispatchListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DispatchListener.class);
    /** Tries of one message before it is set aside: a database that is down for longer keeps it (see attempts). */
    public static final int MAX_ATTEMPTS = 5;

    private final ConnectionFactory connectionFactory;
    private final AmqpAdmin admin;
    private final ExecutorProperties properties;
    private final ExecutorIdentity identity;
    private final JobLifecycle lifecycle;
    private final CommandClient commands;
    private final PublicUrl publicUrl;
    private final ReadKey readKey;
    private final ObjectMapper json;
    private volatile SimpleMessageListenerContainer container;
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    public DispatchListener(ConnectionFactory connectionFactory, AmqpAdmin admin, ExecutorProperties properties,
                            ExecutorIdentity identity, JobLifecycle lifecycle, EventJson eventJson,
                            CommandClient commands, PublicUrl publicUrl, ReadKey readKey) {
        this.readKey = readKey;
        this.commands = commands;
        this.publicUrl = publicUrl;
        this.connectionFactory = connectionFactory;
        this.admin = admin;
        this.properties = properties;
        this.identity = identity;
        this.lifecycle = lifecycle;
        this.json = eventJson.mapper();
    }

    /**
     * {@code tributary.executor.<id>} on the default exchange, {@code <exchange>.executor.<id>} on another: two
     * platforms that share a broker (each its own exchange) number their executors alike, and must not share a
     * queue. The default keeps the name it always had, so an installation's queue, and what waits in it, stays.
     */
    public static String queueName(String exchange, long executorId) {
        String prefix = ExecutorProperties.DEFAULT_EXCHANGE.equals(exchange) ? "tributary" : exchange;
        return prefix + ".executor." + executorId;
    }

    /** Where a message that cannot be taken is set aside, for an operator to read and publish again. */
    public static String deadLetterQueueName(String exchange, long executorId) {
        return queueName(exchange, executorId) + ".dead";
    }

    public static String bindingKey(long executorId) {
        return "JobDispatched.*." + executorId;
    }

    /** A user's cancel of a job dispatched here reaches this executor on the same queue. */
    public static String cancelBindingKey(long executorId) {
        return "JobCancelled.*." + executorId;
    }

    @Override
    public void start() {
        long executorId = identity.id();
        try {
            // where query-service finds the live logs of this executor's jobs; nothing else depends on it
            commands.announce(executorId, publicUrl.get(), readKey.value());
        } catch (RuntimeException e) {
            log.warn("cannot announce this executor's URL to command-service; live logs of its jobs are not "
                    + "served until it can: {}", e.getMessage());
        }
        lifecycle.resume();
        TopicExchange exchange = new TopicExchange(properties.exchange(), true, false);
        Queue queue = new Queue(queueName(properties.exchange(), executorId), true, false, false);
        admin.declareExchange(exchange);
        admin.declareQueue(queue);
        admin.declareQueue(new Queue(deadLetterQueueName(properties.exchange(), executorId), true, false, false));
        admin.declareBinding(BindingBuilder.bind(queue).to(exchange).with(bindingKey(executorId)));
        admin.declareBinding(BindingBuilder.bind(queue).to(exchange).with(cancelBindingKey(executorId)));
        SimpleMessageListenerContainer listener = new SimpleMessageListenerContainer(connectionFactory);
        listener.setQueueNames(queue.getName());
        listener.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        listener.setPrefetchCount(10);
        listener.setMessageListener((ChannelAwareMessageListener) (message, channel) -> onMessage(message, channel, executorId));
        listener.start();
        container = listener;
        log.info("executor {} listens on {} ({} and {} on {})", executorId, queue.getName(),
                bindingKey(executorId), cancelBindingKey(executorId), properties.exchange());
    }

    private void onMessage(Message message, Channel channel, long executorId) throws IOException {
        String routingKey = message.getMessageProperties().getReceivedRoutingKey();
        if (routingKey != null && routingKey.startsWith("JobCancelled.")) {
            onCancel(message, channel, executorId);
            return;
        }
        long tag = message.getMessageProperties().getDeliveryTag();
        JobDispatched dispatched;
        try {
            dispatched = json.readValue(message.getBody(), JobDispatched.class);
        } catch (Exception e) {
            setAside(message, channel, executorId, "unreadable: " + e.getMessage());
            return;
        }
        if (dispatched.spec() == null || dispatched.spec().container() == null || dispatched.jobId() <= 0) {
            setAside(message, channel, executorId, "invalid: a dispatch needs a job id and a job spec with a container");
            return;
        }
        if (dispatched.executorId() != executorId) {
            log.warn("dropping job {}, dispatched to executor {}, not to {}", dispatched.jobId(),
                    dispatched.executorId(), executorId);
            channel.basicAck(tag, false);
            return;
        }
        String messageId = message.getMessageProperties().getMessageId();
        if (messageId == null || messageId.isBlank()) {
            messageId = "JobDispatched:" + dispatched.jobId();
        }
        boolean fresh;
        try {
            fresh = lifecycle.accept(messageId, dispatched);
        } catch (RuntimeException e) {
            int tries = attempts.merge(messageId, 1, Integer::sum);
            if (tries >= MAX_ATTEMPTS && !passes(e)) {
                attempts.remove(messageId);
                setAside(message, channel, executorId, "cannot store job " + dispatched.jobId() + " after " + tries
                        + " tries: " + e);
                return;
            }
            log.error("cannot store job {} (try {}); the message goes back to the queue", dispatched.jobId(), tries, e);
            pause();
            channel.basicNack(tag, false, true);
            return;
        }
        attempts.remove(messageId);
        channel.basicAck(tag, false);
        if (!fresh) {
            log.info("job {}: message {} seen before, dropped", dispatched.jobId(), messageId);
            return;
        }
        try {
            lifecycle.claim(dispatched.jobId());
        } catch (RuntimeException e) {
            log.error("cannot claim job {}; it is claimed again when the executor restarts", dispatched.jobId(), e);
        }
    }

    /**
     * Stops a cancelled job. A cancel that cannot be taken now (the database is away) goes back to the queue; one
     * for a job this executor never stored needs nothing: its dispatch, if it comes later, finds the job ended at
     * command-service and its claim is refused.
     */
    private void onCancel(Message message, Channel channel, long executorId) throws IOException {
        long tag = message.getMessageProperties().getDeliveryTag();
        JobCancelled cancelled;
        try {
            cancelled = json.readValue(message.getBody(), JobCancelled.class);
        } catch (Exception e) {
            setAside(message, channel, executorId, "unreadable: " + e.getMessage());
            return;
        }
        if (cancelled.executorId() != executorId) {
            channel.basicAck(tag, false);
            return;
        }
        try {
            lifecycle.cancelled(cancelled.jobId());
        } catch (RuntimeException e) {
            if (!passes(e)) {
                setAside(message, channel, executorId, "cannot cancel job " + cancelled.jobId() + ": " + e);
                return;
            }
            log.error("cannot cancel job {} now; the message goes back to the queue", cancelled.jobId(), e);
            pause();
            channel.basicNack(tag, false, true);
            return;
        }
        channel.basicAck(tag, false);
    }

    /**
     * Publishes the message, as it came and with the reason, to this executor's dead-letter queue, then takes it off
     * the dispatch queue: one bad message never blocks the jobs behind it, and nothing is dropped unseen.
     */
    private void setAside(Message message, Channel channel, long executorId, String reason) throws IOException {
        MessageProperties in = message.getMessageProperties();
        Map<String, Object> headers = new HashMap<>(in.getHeaders());
        headers.put("x-tributary-reason", reason.length() > 1000 ? reason.substring(0, 1000) : reason);
        headers.put("x-tributary-routing-key", String.valueOf(in.getReceivedRoutingKey()));
        AMQP.BasicProperties out = new AMQP.BasicProperties.Builder()
                .messageId(in.getMessageId()).contentType(in.getContentType()).deliveryMode(2).headers(headers)
                .build();
        String queue = deadLetterQueueName(properties.exchange(), executorId);
        channel.basicPublish("", queue, out, message.getBody());
        channel.basicAck(in.getDeliveryTag(), false);
        log.error("dispatch message {} set aside in {}: {}", in.getMessageId(), queue, reason);
    }

    /** A database that is away or busy: the message waits for it, however long, and is never set aside for it. */
    static boolean passes(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException || t instanceof java.sql.SQLTransientException
                    || t instanceof java.sql.SQLRecoverableException) {
                return true;
            }
        }
        return false;
    }

    /** Keeps a failing database from turning redelivery into a busy loop. */
    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        SimpleMessageListenerContainer listener = container;
        if (listener != null) {
            listener.stop();
            container = null;
        }
    }

    @Override
    public boolean isRunning() {
        return container != null;
    }
}
