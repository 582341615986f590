package org.tributary.proxy.publish;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.tributary.domain.executor.api.ExecutorCapabilities;
import org.tributary.domain.executor.api.ExecutorRegistered;
import org.tributary.domain.job.api.JobDispatched;
import org.tributary.domain.job.api.JobSpec;
import org.tributary.domain.project.api.DataLayerCreated;
import org.tributary.domain.project.api.NodeRenamed;
import org.tributary.domain.project.api.ProjectCreated;
import org.tributary.domain.shared.ContainerSpec;
import org.tributary.domain.shared.DataLayerKind;
import org.tributary.testsupport.TestEventStore;
import org.tributary.testsupport.TestEventStore.Appended;
import org.tributary.testsupport.TestRabbit;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProjectionProxyTest {

    private static ProxyRig rig;
    private String queue;

    @BeforeAll
    static void startProxy() {
        rig = new ProxyRig("proxy");
        rig.startProxy();
    }

    @AfterAll
    static void stopProxy() {
        rig.close();
    }

    @BeforeEach
    void bindEverything() {
        queue = rig.bindQueue("#");
    }

    @AfterEach
    void deleteQueue() {
        rig.admin.deleteQueue(queue);
    }

    @Test
    void publishesEveryEventOnceInOrderPerAggregateWithItsHeaders() {
        List<Appended> appended = List.of(
                rig.store.append("Project", "1", new ProjectCreated(1, "one", null)),
                rig.store.append("Project", "2", new ProjectCreated(2, "two", 9L)),
                rig.store.append("Project", "1", new NodeRenamed(1, 10, "a")),
                rig.store.append("Project", "2", new DataLayerCreated(2, 20, "main", DataLayerKind.SHARED)),
                rig.store.append("Project", "1", new NodeRenamed(1, 10, "b")),
                rig.store.append("Executor", "7", new ExecutorRegistered(7, "gpu box", ExecutorCapabilities.CPU_ONLY)));

        Map<String, Message> received = new LinkedHashMap<>();
        Map<String, List<Long>> sequencesByAggregate = new LinkedHashMap<>();
        for (int i = 0; i < appended.size(); i++) {
            Message message = rig.receive(queue);
            MessageProperties properties = message.getMessageProperties();
            received.put(properties.getMessageId(), message);
            sequencesByAggregate.computeIfAbsent(properties.getHeader("aggregate-id"), k -> new ArrayList<>())
                    .add(properties.getHeader("sequence"));
        }
        assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(
                appended.stream().map(Appended::eventId).toList());
        assertThat(sequencesByAggregate).containsEntry("1", List.of(0L, 1L, 2L))
                .containsEntry("2", List.of(0L, 1L))
                .containsEntry("7", List.of(0L));

        Message created = received.get(appended.get(0).eventId());
        MessageProperties properties = created.getMessageProperties();
        assertThat(properties.getReceivedExchange()).isEqualTo(rig.exchange);
        assertThat(properties.getReceivedRoutingKey()).isEqualTo("ProjectCreated.1._");
        assertThat(properties.getContentType()).isEqualTo("application/json");
        assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(properties.<String>getHeader("event-type")).isEqualTo("ProjectCreated");
        assertThat(properties.<String>getHeader("payload-type")).isEqualTo(ProjectCreated.class.getName());
        assertThat(properties.<String>getHeader("aggregate-id")).isEqualTo("1");
        assertThat(properties.<String>getHeader("aggregate-type")).isEqualTo("Project");
        assertThat(properties.<Long>getHeader("sequence")).isEqualTo(0L);
        assertThat(properties.<Long>getHeader("project-id")).isEqualTo(1L);
        assertThat(properties.getHeaders()).doesNotContainKey("executor-id");
        assertThat(Instant.parse(properties.getHeader("timestamp"))).isBeforeOrEqualTo(Instant.now());
        assertThat(created.getBody()).isEqualTo(rig.storedPayload(appended.get(0).eventId()));

        MessageProperties executor = received.get(appended.get(5).eventId()).getMessageProperties();
        assertThat(executor.getReceivedRoutingKey()).isEqualTo("ExecutorRegistered._.7");
        assertThat(executor.<Long>getHeader("executor-id")).isEqualTo(7L);
        assertThat(executor.getHeaders()).doesNotContainKey("project-id");

        // published in order, so a repeat of anything above would arrive before this one
        Appended sentinel = rig.store.append("Project", "3", new ProjectCreated(3, "three", null));
        assertThat(rig.receive(queue).getMessageProperties().getMessageId()).isEqualTo(sentinel.eventId());
    }

    @Test
    void routesJobDispatchedToItsProjectAndExecutor() throws Exception {
        String executorQueue = rig.bindQueue("JobDispatched.*.42");
        try {
            JobDispatched forUs = jobDispatched(305, 3, 42);
            Appended dispatched = rig.store.append("Job", "305", forUs);
            rig.store.append("Job", "306", jobDispatched(306, 3, 43));
            Appended next = rig.store.append("Job", "307", jobDispatched(307, 4, 42));

            Message message = rig.receive(executorQueue);
            MessageProperties properties = message.getMessageProperties();
            assertThat(properties.getMessageId()).isEqualTo(dispatched.eventId());
            assertThat(properties.getReceivedRoutingKey()).isEqualTo("JobDispatched.3.42");
            assertThat(properties.<Long>getHeader("project-id")).isEqualTo(3L);
            assertThat(properties.<Long>getHeader("executor-id")).isEqualTo(42L);
            assertThat(TestEventStore.MAPPER.readValue(message.getBody(), JobDispatched.class)).isEqualTo(forUs);
            // executor 43's job is not ours: the next one here is job 307
            assertThat(rig.receive(executorQueue).getMessageProperties().getMessageId()).isEqualTo(next.eventId());
        } finally {
            rig.admin.deleteQueue(executorQueue);
        }
    }

    @Test
    void publishesAnEventWhoseTransactionCommitsAfterALaterOne() throws Exception {
        Appended early;
        Appended onTime;
        try (Connection slow = rig.database.connect()) {
            slow.setAutoCommit(false);
            early = rig.store.append(slow, "Project", "100", new ProjectCreated(100, "slow", null));
            onTime = rig.store.append("Project", "101", new ProjectCreated(101, "quick", null));
            assertThat(onTime.globalIndex()).isGreaterThan(early.globalIndex());

            assertThat(rig.receive(queue).getMessageProperties().getMessageId()).isEqualTo(onTime.eventId());
            slow.commit();
        }
        assertThat(rig.receive(queue).getMessageProperties().getMessageId()).isEqualTo(early.eventId());
    }

    @Test
    void retriesABatchTheBrokerRefusesUntilItIsConfirmed() {
        // x-max-length/x-overflow are RabbitMQ's; the embedded Qpid broker refuses them
        assumeTrue(TestRabbit.isRabbitMq(), "needs RabbitMQ");
        // a full queue that refuses more makes the broker nack every publish routed to it
        String full = TestRabbit.uniqueName("full");
        rig.admin.declareQueue(new Queue(full, false, false, true,
                Map.of("x-max-length", 1, "x-overflow", "reject-publish")));
        rig.client.send("", full, new Message("filler".getBytes()));
        await().until(() -> rig.admin.getQueueInfo(full).getMessageCount() == 1);
        rig.admin.declareBinding(new Binding(full, Binding.DestinationType.QUEUE, rig.exchange, "#", null));
        try {
            Appended refused = rig.store.append("Project", "200", new ProjectCreated(200, "refused", null));
            // our queue took it, but the batch was nacked as a whole, so the proxy sends it again
            assertThat(rig.receive(queue).getMessageProperties().getMessageId()).isEqualTo(refused.eventId());
            assertThat(rig.receive(queue).getMessageProperties().getMessageId()).isEqualTo(refused.eventId());
            assertThat(rig.tokenIndex()).satisfiesAnyOf(
                    token -> assertThat(token).isEmpty(),
                    token -> assertThat(token.getAsLong()).isLessThan(refused.globalIndex()));
            // between retries, health says why
            await().untilAsserted(() -> assertThat(publishingHealth()).satisfies(
                    health -> assertThat(health.getStatus()).isEqualTo(Status.DOWN),
                    // an assertion, not a call on the detail: a health polled while still UP has none, and
                    // Awaitility retries only on assertion errors
                    health -> assertThat(health.getDetails().get("error")).isNotNull().asString()
                            .contains(refused.eventId())));

            // the consumer catches up, the broker accepts again
            rig.admin.deleteQueue(full);
            await().atMost(Duration.ofSeconds(90)).until(() ->
                    rig.tokenIndex().orElse(-1) >= refused.globalIndex());
            await().until(() -> publishingHealth().getStatus().equals(Status.UP));

            Appended after = rig.store.append("Project", "201", new ProjectCreated(201, "after", null));
            String id;
            do {
                id = rig.receive(queue).getMessageProperties().getMessageId();
                assertThat(id).isIn(refused.eventId(), after.eventId());
            } while (!id.equals(after.eventId()));
        } finally {
            rig.admin.deleteQueue(full);
        }
    }

    @Test
    void forwardsTheStoredBytesUnchanged() {
        String stored = "{ \"projectId\": 400, \"name\": \"spaced\", \"executorId\": null, \"addedLater\": [1, 2] }";
        String eventId = rig.appendRaw("400", ProjectCreated.class.getName(), stored);

        Message message = rig.receive(queue);
        assertThat(message.getMessageProperties().getMessageId()).isEqualTo(eventId);
        assertThat(message.getMessageProperties().getReceivedRoutingKey()).isEqualTo("ProjectCreated.400._");
        assertThat(new String(message.getBody(), StandardCharsets.UTF_8)).isEqualTo(stored);
    }

    @Test
    void publishesEventsItCannotReadWithoutProjectOrExecutor() {
        String unknownType = rig.appendRaw("401", "org.tributary.domain.later.SomethingNew", "{\"projectId\": 401}");
        String unreadable = rig.appendRaw("402", ProjectCreated.class.getName(), "{\"projectId\": ");

        MessageProperties first = rig.receive(queue).getMessageProperties();
        assertThat(first.getMessageId()).isEqualTo(unknownType);
        assertThat(first.getReceivedRoutingKey()).isEqualTo("SomethingNew._._");
        assertThat(first.<String>getHeader("payload-type")).isEqualTo("org.tributary.domain.later.SomethingNew");
        MessageProperties second = rig.receive(queue).getMessageProperties();
        assertThat(second.getMessageId()).isEqualTo(unreadable);
        assertThat(second.getReceivedRoutingKey()).isEqualTo("ProjectCreated._._");
    }

    @Test
    void declaresTheExchangeAgainWhenItWasDeleted() {
        rig.admin.deleteExchange(rig.exchange);
        Appended lost = rig.store.append("Project", "500", new ProjectCreated(500, "nowhere to go", null));
        // publishing to a missing exchange breaks the channel; the retry declares the exchange first
        await().atMost(Duration.ofSeconds(60)).until(() -> rig.tokenIndex().orElse(-1) >= lost.globalIndex());

        String rebound = rig.bindQueue("#");
        try {
            Appended next = rig.store.append("Project", "501", new ProjectCreated(501, "routed again", null));
            assertThat(rig.receive(rebound).getMessageProperties().getMessageId()).isEqualTo(next.eventId());
        } finally {
            rig.admin.deleteQueue(rebound);
        }
    }

    @Test
    void reportsWhatItForwardedAndHowFarBehindItIsAsPrometheusMetrics() {
        Appended counted = rig.store.append("Project", "600", new ProjectCreated(600, "counted", null));
        assertThat(rig.receive(queue).getMessageProperties().getMessageId()).isEqualTo(counted.eventId());

        await().untilAsserted(() -> assertThat(prometheus())
                .containsPattern("(?m)^tributary_proxy_events_forwarded_total(\\{[^}]*})? [1-9]")
                .containsPattern("(?m)^tributary_proxy_confirms_total\\{[^}]*outcome=\"ack\"[^}]*} [1-9]")
                .containsPattern("(?m)^tributary_processor_lag_events\\{[^}]*processor=\"proxy\"[^}]*} 0\\.0$")
                .containsPattern("(?m)^tributary_proxy_publish_lag_seconds_count(\\{[^}]*})? [1-9]"));
    }

    private static String prometheus() throws Exception {
        String port = rig.bean(org.springframework.core.env.Environment.class).getProperty("local.server.port");
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Health publishingHealth() {
        return ((HealthIndicator) rig.bean(HealthContributorRegistry.class).getContributor("publishing")).health();
    }

    private static JobDispatched jobDispatched(long jobId, long projectId, long executorId) {
        return new JobDispatched(jobId, projectId, executorId, new JobSpec(1, 1, List.of(), Map.of("n", 1),
                ContainerSpec.of("python:3.12-slim", "python run.py"), List.of(), false));
    }
}
