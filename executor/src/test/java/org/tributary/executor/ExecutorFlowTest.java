package org.tributary.executor;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tributary.executor.dispatch.DispatchListener;
import org.tributary.domain.job.api.JobDispatched;
import org.tributary.domain.job.api.JobInput;
import org.tributary.domain.job.api.JobSpec;
import org.tributary.domain.shared.ContainerSpec;
import org.tributary.domain.shared.FileRef;
import org.tributary.executor.config.ExecutorIdentity;
import org.tributary.executor.config.ExecutorProperties;
import org.tributary.testsupport.TestRabbit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole path of a job through the executor: a JobDispatched message on RabbitMQ as the projection proxy sends
 * it, the claim, the real job runner (in this JVM, the script a local process) talking to the executor API and S3,
 * and the completion command-service gets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=executor",
        "tributary.executor.label=flow-test",
        "tributary.executor.capabilities.max-running-jobs=2",
        "tributary.executor.capabilities.gpus.nvidia=2"})
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability(tracing = false)
class ExecutorFlowTest {

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    static final Infra infra = new Infra("executor_flow");
    static final long EXECUTOR_ID = infra.commands.registeredId;
    static final long PROJECT = 7;
    static final AtomicLong JOB_IDS = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000, 1_000_000) * 100);
    static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        infra.properties(registry);
    }

    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ExecutorIdentity identity;
    @Autowired
    ExecutorProperties properties;

    @AfterAll
    static void tearDown(@Autowired DispatchListener listener, @Autowired AmqpAdmin admin) {
        infra.deleteQueue(listener, admin, EXECUTOR_ID);
        infra.close();
    }

    private JobSpec spec(String script, List<FileRef> nodeFiles, List<JobInput> inputs) {
        return new JobSpec(3, 1, inputs, Map.of("alpha", 0.5), ContainerSpec.of("local/none", script), nodeFiles, false);
    }

    private JobDispatched dispatch(String script) {
        return new JobDispatched(JOB_IDS.incrementAndGet(), PROJECT, EXECUTOR_ID, spec(script, List.of(), List.of()));
    }

    /** A dispatch whose claim fails: once it is claimed, every message published before it was handled. */
    private long barrier() {
        JobDispatched lost = dispatch("true");
        infra.commands.claimedByAnotherExecutor(lost.jobId());
        infra.publish(rabbit, lost);
        await().atMost(JOB_TIMEOUT).until(() -> infra.commands.actions(lost.jobId()).contains("claim"));
        return lost.jobId();
    }

    private JsonNode awaitCompletion(long jobId) {
        await().atMost(JOB_TIMEOUT).until(() -> infra.commands.actions(jobId).contains("complete")
                || infra.commands.actions(jobId).contains("error"));
        assertThat(infra.commands.actions(jobId)).as("calls for job %d", jobId).contains("complete");
        return infra.commands.calls(jobId).stream().filter(call -> call.action().equals("complete"))
                .findFirst().orElseThrow().body();
    }

    @Test
    void aMessageThatCannotBeTakenIsSetAsideAndTheJobsBehindItRun() {
        MessageProperties garbled = new MessageProperties();
        garbled.setMessageId("garbled-" + JOB_IDS.incrementAndGet());
        rabbit.send(infra.exchange, "JobDispatched." + PROJECT + "." + EXECUTOR_ID,
                new Message("{not json".getBytes(StandardCharsets.UTF_8), garbled));
        JobDispatched specless = new JobDispatched(JOB_IDS.incrementAndGet(), PROJECT, EXECUTOR_ID, null);
        infra.publish(rabbit, specless);
        // from before NUL was refused at the edge: PostgreSQL cannot store it, however often it is tried
        JobDispatched unstorable = new JobDispatched(JOB_IDS.incrementAndGet(), PROJECT, EXECUTOR_ID,
                spec("true", List.of(), List.of(new JobInput(12, "nul\u0000label", Map.of(), List.of()))));
        infra.publish(rabbit, unstorable);

        barrier();
        String dead = DispatchListener.deadLetterQueueName(infra.exchange, EXECUTOR_ID);
        Message first = await().atMost(JOB_TIMEOUT).until(() -> rabbit.receive(dead), m -> m != null);
        assertThat(first.getMessageProperties().getMessageId()).isEqualTo(garbled.getMessageId());
        assertThat((String) first.getMessageProperties().getHeader("x-tributary-reason")).startsWith("unreadable");
        assertThat(new String(first.getBody(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        Message second = await().atMost(JOB_TIMEOUT).until(() -> rabbit.receive(dead), m -> m != null);
        assertThat((String) second.getMessageProperties().getHeader("x-tributary-reason")).startsWith("invalid");
        Message third = await().atMost(JOB_TIMEOUT).until(() -> rabbit.receive(dead), m -> m != null);
        assertThat((String) third.getMessageProperties().getHeader("x-tributary-reason"))
                .contains("after " + DispatchListener.MAX_ATTEMPTS + " tries");
        assertThat(third.getMessageProperties().getMessageId()).isNotBlank();
        assertThat(infra.commands.actions(specless.jobId())).isEmpty();
        assertThat(infra.commands.actions(unstorable.jobId())).isEmpty();
    }

    @Test
    void aJobsScriptFindsNoRefreshTokenInAnyProcesssEnvironment() {
        // the script's own variable holds the placeholder the job library needs to import, nothing else
        JobDispatched dispatched = dispatch("mkdir -p out/1 && n=$(for f in /proc/[0-9]*/environ; do tr '\\0' '\\n'"
                + " < $f 2>/dev/null | grep '^RNDFLOW_REFRESH_TOKEN=' | grep -v '=not-given-to-scripts$'; done | wc -l)"
                + " && echo \"{\\\"exposed\\\": $n}\" > out/1/fields.json");
        infra.publish(rabbit, dispatched);

        JsonNode completion = awaitCompletion(dispatched.jobId());

        assertThat(completion.get("exit_code").asInt()).isZero();
        assertThat(completion.get("outputs").get(0).get("fields").get("exposed").asInt()).isZero();
    }

    @Test
    void theBundledRunnerRunsInThisJvmAndTheScriptInASessionOfItsOwn() {
        JobDispatched dispatched = dispatch("mkdir -p out/1 && echo \"{\\\"runner\\\": $PPID, \\\"leads\\\": "
                + "$([ \"$(ps -o sid= -p $$ | tr -d ' ')\" = \"$$\" ] && echo true || echo false)}\""
                + " > out/1/fields.json");
        infra.publish(rabbit, dispatched);

        JsonNode fields = awaitCompletion(dispatched.jobId()).get("outputs").get(0).get("fields");

        assertThat(fields.get("runner").asLong()).isEqualTo(ProcessHandle.current().pid());
        // a terminal's Ctrl-C to this JVM's process group does not reach it; the executor stops it
        assertThat(fields.get("leads").asBoolean()).isTrue();
    }

    @Test
    void actsAsTheExecutorItsCredentialNames() {
        assertThat(identity.id()).isEqualTo(EXECUTOR_ID);
    }

    @Test
    void runsADispatchedJobAndCompletesItWithItsOutputPackage() {
        byte[] script = ("set -e\n"
                + "mkdir -p out/1/files\n"
                + "printf 'doubled\\n' > out/1/label\n"
                + "printf '{\"rows\": 2, \"alpha\": %s}' \"$(grep -o '[0-9.]*' in/params.json)\" > out/1/fields.json\n"
                + "cat in/12/files/data.csv in/12/files/data.csv > out/1/files/result.csv\n"
                + "echo done\n").getBytes(StandardCharsets.UTF_8);
        byte[] data = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        String scriptHash = infra.put(PROJECT, script);
        String dataHash = infra.put(PROJECT, data);
        JobDispatched dispatched = new JobDispatched(JOB_IDS.incrementAndGet(), PROJECT, EXECUTOR_ID, spec("bash run.sh",
                List.of(new FileRef("run.sh", scriptHash, script.length, true, "text/x-sh")),
                List.of(new JobInput(12, "input", Map.of("x", 1),
                        List.of(new FileRef("data.csv", dataHash, data.length, false, "text/csv"))))));

        infra.publish(rabbit, dispatched);

        JsonNode complete = awaitCompletion(dispatched.jobId());
        assertThat(infra.commands.actions(dispatched.jobId())).containsExactly(
                "claim", "status Queued", "status Started", "status Downloaded", "complete");
        assertThat(complete.get("exit_code").asInt()).isZero();
        JsonNode outputs = complete.get("outputs");
        assertThat(outputs).hasSize(1);
        assertThat(outputs.get(0).get("label").asText()).isEqualTo("doubled");
        assertThat(outputs.get(0).get("fields").get("rows").asInt()).isEqualTo(2);
        assertThat(outputs.get(0).get("fields").get("alpha").asDouble()).isEqualTo(0.5);
        byte[] doubled = "a,b\n1,2\na,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        assertThat(outputs.get(0).get("files")).hasSize(1);
        assertThat(outputs.get(0).get("files").get(0).get("name").asText()).isEqualTo("result.csv");
        assertThat(outputs.get(0).get("files").get(0).get("content_hash").asText()).isEqualTo(Infra.sha256(doubled));
        assertThat(outputs.get(0).get("files").get(0).get("size").asLong()).isEqualTo(doubled.length);
        List<String> names = complete.get("files").findValuesAsText("name");
        assertThat(names).contains("run.sh", "out/1/label", "out/1/fields.json", "out/1/files/result.csv",
                dispatched.jobId() + ".log");
        assertThat(names).noneMatch(name -> name.startsWith("in/"));
        assertThat(infra.commands.refused()).as("calls without the executor's credential").isEmpty();
    }

    @Test
    void aJobBeyondItsNodesParallelJobsWaitsQueuedUntilOneEnds(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path go = dir.resolve("go");
        ContainerSpec oneAtATime = new ContainerSpec("local/none", "while [ ! -f '" + go + "' ]; do sleep 0.05; done",
                null, 1, 0, null, 0, null, null, 1);
        JobDispatched first = new JobDispatched(JOB_IDS.incrementAndGet(), PROJECT, EXECUTOR_ID,
                new JobSpec(33, 1, List.of(), Map.of(), oneAtATime, List.of(), false));
        JobDispatched second = new JobDispatched(JOB_IDS.incrementAndGet(), PROJECT, EXECUTOR_ID,
                new JobSpec(33, 1, List.of(), Map.of(), oneAtATime, List.of(), false));

        infra.publish(rabbit, first);
        await().atMost(JOB_TIMEOUT).until(() -> infra.commands.actions(first.jobId()).contains("status Started"));
        infra.publish(rabbit, second);

        await().atMost(JOB_TIMEOUT).until(() -> infra.commands.actions(second.jobId()).contains("waiting"));
        assertThat(infra.commands.actions(second.jobId())).contains("status Queued").doesNotContain("status Started");
        try {
            java.nio.file.Files.createFile(go);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        awaitCompletion(first.jobId());
        awaitCompletion(second.jobId());
        assertThat(infra.commands.actions(second.jobId())).contains("status Started");
    }

    @Test
    void prometheusSeesTheQueueAndHowLongEachNodesJobsRan() {
        JobDispatched dispatched = dispatch("true");
        infra.publish(rabbit, dispatched);
        awaitCompletion(dispatched.jobId());

        String metrics = new String(Http.fetch("http://127.0.0.1:" + port + "/actuator/prometheus"),
                StandardCharsets.UTF_8);

        assertThat(metrics).containsPattern("tributary_job_duration_seconds_count\\{[^}]*node=\"3\"[^}]*"
                + "outcome=\"completed\"[^}]*} [1-9]");
        assertThat(metrics).contains("tributary_executor_queue_depth ").contains("tributary_executor_running ");
    }

    @Test
    void aNonZeroExitCompletesWithTheExitCodeAndNoOutputs() {
        JobDispatched dispatched = dispatch("mkdir -p out/1 && echo partial > out/1/label && exit 3");

        infra.publish(rabbit, dispatched);

        JsonNode complete = awaitCompletion(dispatched.jobId());
        assertThat(complete.get("exit_code").asInt()).isEqualTo(3);
        assertThat(complete.get("outputs")).isEmpty();
        assertThat(complete.get("files").findValuesAsText("name")).contains(dispatched.jobId() + ".log");
    }

    @Test
    void aRedeliveredMessageIsClaimedOnce() {
        JobDispatched dispatched = dispatch("true");
        String messageId = infra.publish(rabbit, dispatched);
        infra.publish(rabbit, dispatched, messageId);

        barrier();

        assertThat(infra.commands.actions(dispatched.jobId())).containsOnlyOnce("claim");
        awaitCompletion(dispatched.jobId());
    }

    @Test
    void aMessageForAnotherExecutorIsNotConsumed() {
        long otherExecutor = EXECUTOR_ID + 1;
        Queue probe = new Queue(TestRabbit.uniqueName("executor_probe"), false, false, true);
        admin.declareQueue(probe);
        admin.declareBinding(BindingBuilder.bind(probe).to(new TopicExchange(infra.exchange))
                .with("JobDispatched.*." + otherExecutor));
        try {
            JobDispatched elsewhere = new JobDispatched(JOB_IDS.incrementAndGet(), PROJECT, otherExecutor,
                    spec("true", List.of(), List.of()));
            infra.publish(rabbit, elsewhere);

            barrier();

            assertThat(infra.commands.calls(elsewhere.jobId())).isEmpty();
            Properties counts = admin.getQueueProperties(probe.getName());
            assertThat(counts.get(org.springframework.amqp.rabbit.core.RabbitAdmin.QUEUE_MESSAGE_COUNT)).isEqualTo(1);
        } finally {
            admin.deleteQueue(probe.getName());
        }
    }

    @Test
    void aJobClaimedByAnotherExecutorIsNotRun() {
        long lost = barrier();

        assertThat(infra.commands.actions(lost)).containsExactly("claim");
        assertThat(Files.exists(infra.workDir.resolve(Long.toString(EXECUTOR_ID)).resolve(Long.toString(lost))))
                .isFalse();
        await().untilAsserted(() -> assertThat(jdbc.queryForObject("SELECT state FROM job WHERE job_id = ?",
                String.class, lost)).isEqualTo("lost"));
    }
}
