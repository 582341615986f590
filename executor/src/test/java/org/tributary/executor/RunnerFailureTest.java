package org.tributary.executor;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tributary.executor.dispatch.DispatchListener;
import org.tributary.domain.job.api.JobDispatched;
import org.tributary.domain.job.api.JobSpec;
import org.tributary.domain.shared.ContainerSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A runner that dies without its final report fails the job with its last output; its environment is clean. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=executor",
        "tributary.executor.time-zone=Asia/Tokyo",
        "tributary.executor.runner-command[0]=bash",
        "tributary.executor.runner-command[1]=-c",
        "tributary.executor.runner-command[2]=env > env-{job}.txt; echo fetching {host}; echo runner exploded; exit 7"})
class RunnerFailureTest {

    static final Infra infra = new Infra("executor_runner_failure");
    static final long EXECUTOR_ID = infra.commands.registeredId;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        infra.properties(registry);
        registry.add("tributary.executor.id", () -> EXECUTOR_ID);
    }

    @Autowired
    RabbitTemplate rabbit;

    @AfterAll
    static void tearDown(@Autowired DispatchListener listener, @Autowired AmqpAdmin admin) {
        infra.deleteQueue(listener, admin, EXECUTOR_ID);
        infra.close();
    }

    @Test
    void aRunnerThatExitsWithoutItsFinalReportFailsTheJobWithItsLastOutput() throws Exception {
        long jobId = 77;
        infra.publish(rabbit, new JobDispatched(jobId, 1, EXECUTOR_ID, new JobSpec(3, 1, List.of(), Map.of(),
                ContainerSpec.of("local/none", "true"), List.of(), false)));

        await().until(() -> infra.commands.actions(jobId).contains("error"));

        assertThat(infra.commands.actions(jobId)).containsExactly("claim", "status Queued", "status Started", "error");
        JsonNode error = infra.commands.calls(jobId).stream().filter(call -> call.action().equals("error"))
                .findFirst().orElseThrow().body();
        assertThat(error.get("error").asText()).isEqualTo("RunnerFailed");
        assertThat(error.get("message").asText()).contains("exited with code 7").contains("runner exploded")
                .contains("fetching http://127.0.0.1:");
        // what it printed is kept as the job's log in its project's bucket
        JsonNode log = error.get("files").get(0);
        assertThat(log.get("name").asText()).isEqualTo(jobId + ".log");
        assertThat(infra.read(1, log.get("content_hash").asText())).contains("runner exploded");
        Path env = infra.workDir.resolve(Long.toString(EXECUTOR_ID)).resolve("env-" + jobId + ".txt");
        List<String> variables = Files.readAllLines(env).stream().map(line -> line.split("=", 2)[0]).toList();
        assertThat(variables).contains("RNDFLOW_REFRESH_TOKEN", "TZ", "PATH")
                .noneMatch(name -> name.startsWith("TRIBUTARY") || name.startsWith("SPRING"));
        assertThat(Files.readAllLines(env)).contains("TZ=Asia/Tokyo");
    }
}
