package org.tributary.executor.backend.kubernetes;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.tributary.domain.job.api.JobSpec;
import org.tributary.domain.shared.ContainerSpec;
import org.tributary.domain.shared.GpuKind;
import org.tributary.domain.shared.Priority;
import org.tributary.domain.shared.PullPolicy;
import org.tributary.executor.backend.JobSecret;
import org.tributary.executor.backend.kubernetes.KubernetesSettings.GpuPlacement;
import org.tributary.executor.backend.kubernetes.KubernetesSettings.RunnerMode;
import org.tributary.executor.backend.kubernetes.KubernetesSettings.Toleration;
import org.tributary.executor.job.JobState;
import org.tributary.executor.job.StoredJob;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests of a CPU, an NVIDIA and an AMD node's job against golden files in
 * {@code src/test/resources/kubernetes/}. After an intended change, run with {@code -Dgolden.update=true} to write
 * them anew, and read the diff.
 */
class JobManifestsTest {

    static final KubernetesSerialization YAML = new KubernetesSerialization();
    static final ZoneId TZ = ZoneId.of("Europe/Berlin");
    static final String URL = "http://tributary-executor.research.svc:8084";
    static final String TOKEN = "job-refresh-token-that-must-never-show";

    static final KubernetesSettings SETTINGS = new KubernetesSettings("research", "tributary", "tributary-jobs",
            URL, PullPolicy.IF_NOT_PRESENT, List.of("registry-cred"), Map.of(
            "nvidia", new GpuPlacement(Map.of("nvidia.com/gpu.present", "true"),
                    List.of(new Toleration("nvidia.com/gpu", "Exists", null, "NoSchedule"))),
            "amd", new GpuPlacement(Map.of("amd.com/gpu.present", "true"),
                    List.of(new Toleration("amd.com/gpu", "Exists", null, "NoSchedule")))),
            Map.of("low", "tributary-low", "high", "tributary-high"), Duration.ofHours(1), 8, RunnerMode.LIBRARY,
            null, null);

    static StoredJob job(long id, ContainerSpec container) {
        return new StoredJob(id, 3, 1, new JobSpec(20, 10, List.of(), Map.of(), container, List.of(), false),
                JobState.QUEUED, null, null, null);
    }

    @Test
    void aCpuNodesJobMatchesItsGoldenFile() throws IOException {
        ContainerSpec cpu = new ContainerSpec("python:3.12-slim", "python run.py", "2Gi", 2, 0, null, 0,
                Priority.NORMAL, null, 0);

        assertGolden("cpu-job.yaml", JobManifests.job(job(101, cpu), SETTINGS, URL, TZ));
    }

    @Test
    void anNvidiaNodesJobMatchesItsGoldenFile() throws IOException {
        ContainerSpec nvidia = new ContainerSpec("nvcr.io/nvidia/pytorch:24.08-py3", "python train.py", "32Gi", 8,
                2, GpuKind.NVIDIA, 90, Priority.HIGH, PullPolicy.ALWAYS, 0);

        assertGolden("nvidia-job.yaml", JobManifests.job(job(102, nvidia), SETTINGS, URL, TZ));
    }

    @Test
    void anAmdNodesJobWithTheInjectedRunnerMatchesItsGoldenFile() throws IOException {
        ContainerSpec amd = new ContainerSpec("rocm/pytorch:latest", "python train.py", "16Gi", 4, 1, GpuKind.AMD,
                0, Priority.LOW, null, 0);
        KubernetesSettings injected = new KubernetesSettings("research", "tributary", null, URL, PullPolicy.ALWAYS,
                List.of(), SETTINGS.gpus(), SETTINGS.priorityClasses(), Duration.ofMinutes(10), null,
                RunnerMode.INJECTED, "registry.example.org/tributary/job-runner:1.0", null);

        assertGolden("amd-injected-job.yaml", JobManifests.job(job(103, amd), injected, URL, TZ));
    }

    @Test
    void theSameJobAlwaysGivesTheSameJobUnderTheSameName() {
        StoredJob job = job(104, ContainerSpec.of("debian:12", "true"));

        Job first = JobManifests.job(job, SETTINGS, URL, TZ);

        assertThat(JobManifests.job(job, SETTINGS, URL, TZ)).isEqualTo(first);
        assertThat(first.getMetadata().getName()).isEqualTo("tributary-job-104");
    }

    @Test
    void theRefreshTokenIsASecretReferenceNeverALiteral() {
        StoredJob job = job(105, ContainerSpec.of("debian:12", "true"));

        Job manifest = JobManifests.job(job, SETTINGS, URL, TZ);
        EnvVar token = manifest.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals("RNDFLOW_REFRESH_TOKEN")).findFirst().orElseThrow();

        assertThat(token.getValue()).isNull();
        assertThat(token.getValueFrom().getSecretKeyRef().getName()).isEqualTo("tributary-job-105-token");
        assertThat(token.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(JobManifests.TOKEN_KEY);
        assertThat(YAML.asYaml(manifest)).doesNotContain(TOKEN);
    }

    @Test
    void theSecretHoldsTheTokenUnderTheJobsLabels() {
        StoredJob job = job(106, ContainerSpec.of("debian:12", "true"));

        Secret secret = JobManifests.jobSecret(job, SETTINGS, TOKEN, List.of());

        assertThat(secret.getMetadata().getName()).isEqualTo("tributary-job-106-token");
        assertThat(secret.getMetadata().getLabels()).containsEntry(JobManifests.JOB, "106")
                .containsEntry(JobManifests.EXECUTOR, "3").containsEntry(JobManifests.INSTANCE, "tributary");
        assertThat(new String(Base64.getDecoder().decode(secret.getData().get(JobManifests.TOKEN_KEY)),
                StandardCharsets.UTF_8)).isEqualTo(TOKEN);
    }

    @Test
    void anOwnerReferenceNamesTheCreatedJobByUid() {
        Job created = new JobBuilder().withNewMetadata().withName("tributary-job-107").withUid("uid-107")
                .endMetadata().build();

        assertThat(JobManifests.ownedBy(created)).satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("Job");
            assertThat(owner.getName()).isEqualTo("tributary-job-107");
            assertThat(owner.getUid()).isEqualTo("uid-107");
        });
    }

    @Test
    void anInteractiveJobGetsItsJupyterBaseUrl() {
        StoredJob job = new StoredJob(108, 3, 1, new JobSpec(20, 10, List.of(), Map.of(),
                ContainerSpec.of("jupyter/base-notebook", ""), List.of(), true), JobState.QUEUED, null, null, null);

        assertThat(JobManifests.job(job, SETTINGS, URL, TZ).getSpec().getTemplate().getSpec().getContainers().get(0)
                .getEnv()).contains(new EnvVar("JUPYTER_BASE_URL", "/interactive/108/", null),
                        new EnvVar("JUPYTER_PORT", "8888", null));
    }

    @Test
    void anInteractiveJobsServiceMatchesItsGoldenFile() throws IOException {
        StoredJob job = new StoredJob(110, 3, 1, new JobSpec(20, 10, List.of(), Map.of(),
                ContainerSpec.of("jupyter/base-notebook", ""), List.of(), true), JobState.QUEUED, null, null, null);
        Job created = new JobBuilder().withNewMetadata().withName("tributary-job-110").withUid("uid-110")
                .endMetadata().build();

        assertGolden("interactive-service.yaml", JobManifests.interactiveService(job, SETTINGS, created));
    }

    @Test
    void projectVariablesAreSecretReferencesAndRegistryCredentialsPullTheImage() {
        StoredJob job = job(109, ContainerSpec.of("ghcr.io/lab/private:1", "true"));
        List<JobSecret> secrets = List.of(
                new JobSecret("API_TOKEN", JobSecret.VARIABLE, "variable-value-never-in-the-job", null, null, null),
                new JobSecret("LAB_REGISTRY", JobSecret.REGISTRY, null, "ghcr.io", "lab", "registry-password"));

        Job manifest = JobManifests.job(job, secrets, SETTINGS, URL, TZ);
        Secret secret = JobManifests.jobSecret(job, SETTINGS, TOKEN, secrets);

        var pod = manifest.getSpec().getTemplate().getSpec();
        EnvVar variable = pod.getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals("RNDFLOW_SECRET_API_TOKEN")).findFirst().orElseThrow();
        assertThat(variable.getValueFrom().getSecretKeyRef().getName()).isEqualTo("tributary-job-109-token");
        assertThat(decoded(secret, variable.getValueFrom().getSecretKeyRef().getKey()))
                .isEqualTo("variable-value-never-in-the-job");
        assertThat(pod.getImagePullSecrets()).extracting(ref -> ref.getName())
                .containsExactly("registry-cred", "tributary-job-109-token");
        assertThat(pod.getContainers().get(0).getEnv()).noneMatch(e -> e.getName().contains("LAB_REGISTRY"));
        assertThat(YAML.asYaml(manifest)).doesNotContain("variable-value-never-in-the-job", "registry-password");
        assertThat(secret.getType()).isEqualTo("kubernetes.io/dockerconfigjson");
        assertThat(decoded(secret, ".dockerconfigjson")).isEqualTo("{\"auths\":{\"ghcr.io\":{\"username\":\"lab\","
                + "\"password\":\"registry-password\",\"auth\":\""
                + Base64.getEncoder().encodeToString("lab:registry-password".getBytes(StandardCharsets.UTF_8)) + "\"}}}");
    }

    @Test
    void aJobWithoutRegistryCredentialsHasAnOpaqueSecretAndTheExecutorsPullSecretsOnly() {
        StoredJob job = job(110, ContainerSpec.of("debian:12", "true"));
        List<JobSecret> secrets = List.of(new JobSecret("API_TOKEN", JobSecret.VARIABLE, "v", null, null, null));

        assertThat(JobManifests.jobSecret(job, SETTINGS, TOKEN, secrets).getType()).isEqualTo("Opaque");
        assertThat(JobManifests.job(job, secrets, SETTINGS, URL, TZ).getSpec().getTemplate().getSpec()
                .getImagePullSecrets()).extracting(ref -> ref.getName()).containsExactly("registry-cred");
    }

    @Test
    void aNodeChoosesItsRunnerOverTheExecutors() {
        ContainerSpec injected = new ContainerSpec("debian:12", "true", null, 1, 0, null, 0, null, null, 0,
                org.tributary.domain.shared.RunnerMode.INJECTED);
        ContainerSpec library = new ContainerSpec("debian:12", "true", null, 1, 0, null, 0, null, null, 0,
                org.tributary.domain.shared.RunnerMode.LIBRARY);
        KubernetesSettings injecting = new KubernetesSettings("research", "tributary", null, URL, PullPolicy.ALWAYS,
                List.of(), SETTINGS.gpus(), SETTINGS.priorityClasses(), Duration.ofMinutes(10), null,
                RunnerMode.INJECTED, "registry.example.org/tributary/job-runner:1.0", null);

        assertThat(command(JobManifests.job(job(111, injected), SETTINGS, URL, TZ)))
                .startsWith(JobManifests.RUNNER_MOUNT + "/bin/tributary-runner");
        assertThat(command(JobManifests.job(job(112, library), injecting, URL, TZ))).startsWith("rndflow-execute");
        assertThat(command(JobManifests.job(job(113, ContainerSpec.of("debian:12", "true")), injecting, URL, TZ)))
                .startsWith(JobManifests.RUNNER_MOUNT + "/bin/tributary-runner");
    }

    private static String command(Job job) {
        return String.join(" ", job.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand());
    }

    private static String decoded(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    private static void assertGolden(String name, io.fabric8.kubernetes.api.model.HasMetadata job) throws IOException {
        String actual = YAML.asYaml(job);
        Path golden = Path.of("src/test/resources/kubernetes", name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(golden));
    }
}
