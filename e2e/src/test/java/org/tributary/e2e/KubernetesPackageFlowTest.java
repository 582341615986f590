package org.tributary.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tributary.testsupport.kubernetes.KubeletSimulator;
import org.tributary.testsupport.kubernetes.MockKubernetes;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every package flow of {@link PackageFlowTest} again, with the executor's Kubernetes backend: each job a Kubernetes
 * Job on Fabric8's mock API server, its pod run by the kubelet simulator as a local process that runs the job
 * library's command ({@code rndflow-execute}, here Tributary's runner) against the executor API.
 */
class KubernetesPackageFlowTest extends PackageFlowTest {

    static final String NAMESPACE = "e2e-jobs";
    static final List<String> CLIENT_SETTINGS = List.of("kubernetes.master", "kubernetes.namespace",
            "kubernetes.auth.tryKubeConfig", "kubernetes.auth.tryServiceAccount", "kubernetes.trust.certificates");

    static MockKubernetes kubernetes;
    static KubeletSimulator kubelet;

    @BeforeAll
    static void start(@TempDir Path workDir) {
        kubernetes = MockKubernetes.start();
        kubelet = new KubeletSimulator(kubernetes.newClient(), NAMESPACE, workDir.resolve("pods"),
                Map.of("PATH", KubeletSimulator.runnerShim(workDir.resolve("shims")) + ":" + System.getenv("PATH"))).start();
        // the executor's client is Fabric8's default one: it finds the cluster as kubectl would, here from these
        System.setProperty("kubernetes.master", kubernetes.client().getMasterUrl().toString());
        System.setProperty("kubernetes.namespace", NAMESPACE);
        System.setProperty("kubernetes.auth.tryKubeConfig", "false");
        System.setProperty("kubernetes.auth.tryServiceAccount", "false");
        System.setProperty("kubernetes.trust.certificates", "true");
        startPlatform(workDir.resolve("executor"), "--tributary.executor.backend=kubernetes",
                "--tributary.executor.kubernetes.priority-classes.normal=tributary-normal");
    }

    @AfterAll
    static void stop() {
        stopPlatform();
        CLIENT_SETTINGS.forEach(System::clearProperty);
        if (kubelet != null) {
            kubelet.close();
        }
        if (kubernetes != null) {
            kubernetes.close();
        }
    }

    @Test
    void each_job_ran_as_one_kubernetes_job_with_its_nodes_container_and_its_digest_is_recorded() {
        Graph g = graph("on-kubernetes", "echo 'A ran'; mkdir -p out/1 && printf result-k > out/1/label", null);
        postPackage(g, "run-1");

        JsonNode jobA = onlyJob(g, g.a(), "Processed");
        JsonNode jobB = onlyJob(g, g.b(), "Processed");

        Job kubernetesJob = kubernetes.client().batch().v1().jobs().inNamespace(NAMESPACE)
                .withName("tributary-job-" + jobA.get("id").asLong()).get();
        Container container = kubernetesJob.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("python:3.12-slim");
        assertThat(container.getCommand()).startsWith("rndflow-execute");
        assertThat(container.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("RNDFLOW_REFRESH_TOKEN");
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).endsWith("-token");
        });
        assertThat(container.getResources().getLimits().get("memory").toString()).isEqualTo("512Mi");
        assertThat(kubernetesJob.getSpec().getTemplate().getSpec().getPriorityClassName())
                .isEqualTo("tributary-normal");
        assertThat(jobA.get("image_digest").asText()).startsWith("python@sha256:");
        assertThat(jobB.get("image_digest").asText()).startsWith("debian@sha256:");
        assertThat(Api.download(jobA.get("log").get("content").asText())).asString(StandardCharsets.UTF_8)
                .contains("A ran");
    }
}
