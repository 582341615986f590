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
import org.tributary.domain.job.api.JobDispatched;
import org.tributary.domain.job.api.JobSpec;
import org.tributary.domain.shared.ContainerSpec;
import org.tributary.executor.dispatch.DispatchListener;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bundled runner as a JVM of its own per job ({@code tributary.executor.local.in-process=false}), the way
 * before runners ran in the executor's JVM: the job still runs and completes with its output.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=executor",
        "tributary.executor.local.in-process=false"})
class RunnerProcessFlowTest {

    static final Infra infra = new Infra("executor_runner_process");
    static final long EXECUTOR_ID = infra.commands.registeredId;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        infra.properties(registry);
    }

    @Autowired
    RabbitTemplate rabbit;

    @AfterAll
    static void tearDown(@Autowired DispatchListener listener, @Autowired AmqpAdmin admin) {
        infra.deleteQueue(listener, admin, EXECUTOR_ID);
        infra.close();
    }

    @Test
    void theScriptRunsUnderARunnerProcessOfItsOwnAndTheJobCompletes() {
        long jobId = 4242;
        infra.publish(rabbit, new JobDispatched(jobId, 1, EXECUTOR_ID, new JobSpec(3, 1, List.of(), Map.of(),
                ContainerSpec.of("local/none",
                        "mkdir -p out/1 && echo \"{\\\"runner\\\": $PPID}\" > out/1/fields.json"),
                List.of(), false)));

        await().atMost(Duration.ofSeconds(60)).until(() -> infra.commands.actions(jobId).contains("complete"));

        JsonNode completion = infra.commands.calls(jobId).stream().filter(call -> call.action().equals("complete"))
                .findFirst().orElseThrow().body();
        assertThat(completion.get("exit_code").asInt()).isZero();
        long runner = completion.get("outputs").get(0).get("fields").get("runner").asLong();
        assertThat(runner).isNotEqualTo(ProcessHandle.current().pid());
        // it was a process of its own, which ends once it has reported
        await().atMost(Duration.ofSeconds(20)).until(() -> ProcessHandle.of(runner).map(p -> !p.isAlive())
                .orElse(true));
    }
}
