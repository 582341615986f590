package org.tributary.executor;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tributary.domain.job.api.JobDispatched;
import org.tributary.domain.job.api.JobSpec;
import org.tributary.domain.shared.ContainerSpec;
import org.tributary.domain.shared.GpuKind;
import org.tributary.domain.shared.Priority;
import org.tributary.executor.dispatch.DispatchListener;
import org.tributary.testsupport.kubernetes.KubeletSimulator;
import org.tributary.testsupport.kubernetes.MockKubernetes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A job on the Kubernetes backend, against Fabric8's mock API server and the kubelet simulator: the dispatch, the
 * claim, one Kubernetes Job built from the node's container, its pod running the real job runner (as
 * {@code rndflow-execute}, the job library's command) against the executor API, and what command-service hears.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=executor",
        "tributary.executor.label=kubernetes-flow-test",
        "tributary.executor.backend=kubernetes",
        // the mock cluster's client replaces the one Fabric8 would configure from the environment
        "spring.main.allow-bean-definition-overriding=true",
        "tributary.executor.kubernetes.namespace=" + KubernetesFlowTest.NAMESPACE,
        "tributary.executor.kubernetes.image-pull-grace=PT2S",
        "tributary.executor.kubernetes.gpus.nvidia.node-selector.[nvidia.com/gpu.present]=true",
        "tributary.executor.kubernetes.priority-classes.high=tributary-high",
        "tributary.executor.capabilities.max-running-jobs=4",
        "tributary.executor.capabilities.gpus.nvidia=2"})
class KubernetesFlowTest {

    static final String NAMESPACE = "jobs";
    static final Infra infra = new Infra("executor_k8s");
    static final MockKubernetes kubernetes = MockKubernetes.start();
    static final KubeletSimulator kubelet = new KubeletSimulator(kubernetes.newClient(), NAMESPACE,
            infra.workDir.resolve("pods"),
            Map.of("PATH", KubeletSimulator.runnerShim(infra.workDir.resolve("shims")) + ":" + System.getenv("PATH")))
            .start();
    static final long EXECUTOR_ID = infra.commands.registeredId;
    static final long PROJECT = 9;
    static final AtomicLong JOB_IDS = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000, 1_000_000) * 100);
    static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);

    static {
        kubelet.faults(job -> {
            String image = job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
            return image.contains("unschedulable") ? KubeletSimulator.Fault.UNSCHEDULABLE
                    : image.contains("pull-error") ? KubeletSimulator.Fault.PULL_ERROR
                    : image.contains("oom") ? KubeletSimulator.Fault.OUT_OF_MEMORY : KubeletSimulator.Fault.NONE;
        });
    }

    @TestConfiguration
    static class MockCluster {
        @Bean(destroyMethod = "")
        KubernetesClient kubernetesClient() {
            return kubernetes.client();
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        infra.properties(registry);
    }

    @Autowired
    RabbitTemplate rabbit;

    @AfterAll
    static void tearDown(@Autowired DispatchListener listener, @Autowired AmqpAdmin admin) {
        infra.deleteQueue(listener, admin, EXECUTOR_ID);
        kubelet.close();
        kubernetes.close();
        infra.close();
    }

    private JobDispatched dispatch(ContainerSpec container) {
        return new JobDispatched(JOB_IDS.incrementAndGet(), PROJECT, EXECUTOR_ID,
                new JobSpec(3, 1, List.of(), Map.of("alpha", 0.5), container, List.of(), false));
    }

    private JsonNode awaitEnd(long jobId, String action) {
        await().atMost(JOB_TIMEOUT).until(() -> infra.commands.actions(jobId).contains("complete")
                || infra.commands.actions(jobId).contains("error"));
        assertThat(infra.commands.actions(jobId)).as("calls for job %d", jobId).contains(action);
        return infra.commands.calls(jobId).stream().filter(call -> call.action().equals(action))
                .findFirst().orElseThrow().body();
    }

    private Job kubernetesJob(long jobId) {
        return kubernetes.client().batch().v1().jobs().inNamespace(NAMESPACE).withName("tributary-job-" + jobId)
                .get();
    }

    @Test
    void aJobRunsAsOneKubernetesJobBuiltFromItsNodeAndCompletes() {
        JobDispatched dispatched = dispatch(new ContainerSpec("nvcr.io/nvidia/pytorch:24.08-py3",
                "mkdir -p out/1 && echo '{\"answer\": 42}' > out/1/fields.json && echo done", "1Gi", 2, 1,
                GpuKind.NVIDIA, 0, Priority.HIGH, null, 0));
        infra.publish(rabbit, dispatched);

        JsonNode completion = awaitEnd(dispatched.jobId(), "complete");

        assertThat(completion.get("exit_code").asInt()).isZero();
        assertThat(completion.get("outputs").get(0).get("fields").get("answer").asInt()).isEqualTo(42);
        assertThat(completion.get("image_digest").asText()).startsWith("nvcr.io/nvidia/pytorch@sha256:");
        assertThat(infra.commands.actions(dispatched.jobId())).containsSubsequence("claim", "status Queued",
                "status Started", "complete");
        Job job = kubernetesJob(dispatched.jobId());
        Container container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("nvcr.io/nvidia/pytorch:24.08-py3");
        assertThat(container.getResources().getLimits().get("nvidia.com/gpu").getAmount()).isEqualTo("1");
        assertThat(container.getResources().getLimits().get("memory").toString()).isEqualTo("1Gi");
        assertThat(job.getSpec().getTemplate().getSpec().getPriorityClassName()).isEqualTo("tributary-high");
        assertThat(job.getSpec().getTemplate().getSpec().getNodeSelector())
                .containsEntry("nvidia.com/gpu.present", "true");
        Secret token = kubernetes.client().secrets().inNamespace(NAMESPACE)
                .withName("tributary-job-" + dispatched.jobId() + "-token").get();
        assertThat(token.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(job.getMetadata().getUid()));
        assertThat(kubernetes.client().batch().v1().jobs().inNamespace(NAMESPACE)
                .withLabel("tributary.io/job", Long.toString(dispatched.jobId())).list().getItems()).hasSize(1);
    }

    @Test
    void anImageThatCannotBePulledFailsTheJobAsImagePullFailedAndItsJobIsDeleted() {
        JobDispatched dispatched = dispatch(ContainerSpec.of("registry.example.org/pull-error:1", "true"));
        infra.publish(rabbit, dispatched);

        JsonNode error = awaitEnd(dispatched.jobId(), "error");

        assertThat(error.get("error").asText()).isEqualTo("ImagePullFailed");
        assertThat(error.get("message").asText()).contains("pull access denied");
        await().atMost(JOB_TIMEOUT).until(() -> kubernetesJob(dispatched.jobId()) == null);
    }

    @Test
    void aJobNoNodeFitsStaysQueuedWithTheSchedulersReason() {
        JobDispatched dispatched = dispatch(ContainerSpec.of("local/unschedulable", "true"));
        infra.publish(rabbit, dispatched);

        await().atMost(JOB_TIMEOUT).until(() -> infra.commands.actions(dispatched.jobId()).contains("waiting")
                && infra.commands.calls(dispatched.jobId()).stream().anyMatch(c -> c.action().equals("waiting")
                && c.body().get("reason").asText().contains("Insufficient nvidia.com/gpu")));
        assertThat(infra.commands.actions(dispatched.jobId())).doesNotContain("status Started", "error");
    }

    @Test
    void aContainerKilledForItsMemoryFailsAsOutOfMemory() {
        JobDispatched dispatched = dispatch(ContainerSpec.of("local/oom", "true"));
        infra.publish(rabbit, dispatched);

        assertThat(awaitEnd(dispatched.jobId(), "error").get("error").asText()).isEqualTo("OutOfMemory");
    }

    @Test
    void aJobWhoseKubernetesJobIsDeletedBySomeoneElseIsLost() {
        JobDispatched dispatched = dispatch(ContainerSpec.of("debian:12", "sleep 30"));
        infra.publish(rabbit, dispatched);
        await().atMost(JOB_TIMEOUT).until(() -> infra.commands.actions(dispatched.jobId())
                .contains("status Started"));

        kubernetes.client().batch().v1().jobs().inNamespace(NAMESPACE)
                .withName("tributary-job-" + dispatched.jobId()).delete();

        assertThat(awaitEnd(dispatched.jobId(), "error").get("error").asText()).isEqualTo("Lost");
    }

    @Test
    void anInteractiveJobGetsAServiceOwnedByItsJobAndItsAddressIsTold() {
        JobDispatched batch = dispatch(ContainerSpec.of("jupyter/base-notebook", "true"));
        JobDispatched dispatched = new JobDispatched(batch.jobId(), PROJECT, EXECUTOR_ID, new JobSpec(3, 1, List.of(),
                Map.of(), batch.spec().container(), List.of(), true));
        infra.publish(rabbit, dispatched);

        await().atMost(JOB_TIMEOUT).until(() -> infra.commands.actions(dispatched.jobId()).contains("interactive"));

        String name = "tributary-job-" + dispatched.jobId();
        assertThat(infra.commands.calls(dispatched.jobId()).stream().filter(c -> c.action().equals("interactive"))
                .findFirst().orElseThrow().body().get("url").asText())
                .isEqualTo("http://" + name + "." + NAMESPACE + ".svc:8888");
        io.fabric8.kubernetes.api.model.Service service = kubernetes.client().services().inNamespace(NAMESPACE)
                .withName(name).get();
        assertThat(service.getSpec().getSelector()).containsEntry("tributary.io/job",
                Long.toString(dispatched.jobId()));
        assertThat(service.getSpec().getPorts()).singleElement()
                .satisfies(port -> assertThat(port.getPort()).isEqualTo(8888));
        Job job = kubernetesJob(dispatched.jobId());
        assertThat(service.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(job.getMetadata().getUid()));
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anySatisfy(env -> assertThat(env.getName() + "=" + env.getValue())
                        .isEqualTo("JUPYTER_BASE_URL=/interactive/" + dispatched.jobId() + "/"));
    }
}
