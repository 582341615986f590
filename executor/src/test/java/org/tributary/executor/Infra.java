package org.tributary.executor;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.tributary.domain.job.api.JobDispatched;
import org.tributary.executor.config.EventJson;
import org.tributary.executor.dispatch.DispatchListener;
import org.tributary.testsupport.TestDatabase;
import org.tributary.testsupport.TestRabbit;
import org.tributary.testsupport.TestS3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

/** What one test class runs against: its own database, exchange, S3 server, work folder and fake command-service. */
final class Infra implements AutoCloseable {

    final TestDatabase db;
    final TestS3 s3;
    final FakeCommandService commands = new FakeCommandService();
    final String exchange;
    final Path workDir;
    final MinioClient minio;

    Infra(String owner) {
        db = TestDatabase.create(owner);
        s3 = TestS3.start();
        exchange = TestRabbit.uniqueName(owner);
        try {
            workDir = Files.createTempDirectory("executor-" + owner + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        minio = MinioClient.builder().endpoint(s3.endpoint()).credentials(TestS3.ACCESS_KEY, TestS3.SECRET_KEY)
                .region("us-east-1").build();
    }

    void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", db::jdbcUrl);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
        registry.add("spring.rabbitmq.addresses", () -> "amqp://" + TestRabbit.username() + ":" + TestRabbit.password()
                + "@" + TestRabbit.host() + ":" + TestRabbit.port());
        registry.add("tributary.executor.exchange", () -> exchange);
        registry.add("tributary.executor.command-url", commands::url);
        registry.add("tributary.executor.credential", () -> commands.credential);
        registry.add("tributary.executor.work-dir", workDir::toString);
        registry.add("tributary.s3.endpoint", s3::endpoint);
        registry.add("tributary.s3.access-key", () -> TestS3.ACCESS_KEY);
        registry.add("tributary.s3.secret-key", () -> TestS3.SECRET_KEY);
    }

    /** Stores content in the project's bucket under its SHA-256, as command-service does, and answers the hash. */
    String put(long projectId, byte[] content) {
        String hash = sha256(content);
        String bucket = "tributary-project-" + projectId;
        try {
            if (!minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
            minio.putObject(PutObjectArgs.builder().bucket(bucket).object(hash)
                    .stream(new ByteArrayInputStream(content), (long) content.length, -1L).build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return hash;
    }

    /** The text of an object of the project's bucket. */
    String read(long projectId, String sha256) {
        try (var in = minio.getObject(io.minio.GetObjectArgs.builder().bucket("tributary-project-" + projectId)
                .object(sha256).build())) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes a dispatch as the projection proxy does: routing key, headers, message id, Axon's JSON. */
    String publish(RabbitTemplate rabbit, JobDispatched dispatched) {
        return publish(rabbit, dispatched, UUID.randomUUID().toString());
    }

    String publish(RabbitTemplate rabbit, JobDispatched dispatched, String messageId) {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(messageId);
        properties.setContentType("application/json");
        properties.setHeader("event-type", "JobDispatched");
        properties.setHeader("payload-type", JobDispatched.class.getName());
        properties.setHeader("aggregate-id", Long.toString(dispatched.jobId()));
        properties.setHeader("aggregate-type", "Job");
        properties.setHeader("sequence", 1L);
        properties.setHeader("project-id", Long.toString(dispatched.projectId()));
        properties.setHeader("executor-id", Long.toString(dispatched.executorId()));
        byte[] body;
        try {
            body = new EventJson().mapper().writeValueAsBytes(dispatched);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rabbit.send(exchange, "JobDispatched." + dispatched.projectId() + "." + dispatched.executorId(),
                new Message(body, properties));
        return messageId;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops consuming first, so that the listener does not fight the deleted queue until the JVM ends. */
    void deleteQueue(DispatchListener listener, AmqpAdmin admin, long executorId) {
        listener.stop();
        admin.deleteQueue(DispatchListener.queueName(exchange, executorId));
        admin.deleteQueue(DispatchListener.deadLetterQueueName(exchange, executorId));
        admin.deleteExchange(exchange);
    }

    @Override
    public void close() {
        commands.close();
        s3.close();
        try (var paths = Files.walk(workDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
