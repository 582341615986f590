package org.tributary.executor;

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

/** A running job whose runner goes silent ends as Dead, and its process is stopped. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=executor",
        "tributary.executor.heartbeat-timeout=PT3S",
        "tributary.executor.heartbeat-check=PT1S",
        // a runner that says it started and then says nothing while its script runs; its arguments are its own, so
        // that no other process on the machine (a shell's sleep 120) passes for it (GNU sleep adds them up)
        "tributary.executor.runner-command[0]=bash",
        "tributary.executor.runner-command[1]=-c",
        "tributary.executor.runner-command[2]=exec " + WatchdogTest.RUNNER + " # job {job}"})
class WatchdogTest {

    static final String RUNNER = "sleep 120 0.000091";

    static final Infra infra = new Infra("executor_watchdog");
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
    void aSilentJobIsDeclaredDeadAndStopped() {
        long jobId = 91;
        infra.publish(rabbit, new JobDispatched(jobId, 1, EXECUTOR_ID, new JobSpec(3, 1, List.of(), Map.of(),
                ContainerSpec.of("local/none", "true"), List.of(), false)));
        await().atMost(Duration.ofSeconds(30)).until(() -> infra.commands.actions(jobId).contains("status Started"));
        long started = System.nanoTime();
        assertThat(runners()).as("the silent runner runs").isNotEmpty();

        await().atMost(Duration.ofSeconds(30)).until(() -> infra.commands.actions(jobId).contains("dead"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(infra.commands.calls(jobId).stream().filter(c -> c.action().equals("dead")).findFirst()
                .orElseThrow().body().get("message").asText()).contains("no heartbeat for 3 s");
        await().atMost(Duration.ofSeconds(10)).until(() -> runners().isEmpty());
        // its process ended because it was stopped: that is no second end
        assertThat(infra.commands.actions(jobId)).doesNotContain("error", "complete");
    }

    private static java.util.List<ProcessHandle> runners() {
        return ProcessHandle.allProcesses().filter(p -> p.isAlive()
                && p.info().commandLine().map(line -> line.contains(RUNNER)).orElse(false)).toList();
    }
}
