package org.tributary.executor.backend.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import org.tributary.domain.shared.ContainerSpec;
import org.tributary.domain.shared.PullPolicy;
import org.tributary.domain.shared.RunnerMode;
import org.tributary.executor.backend.JobSecret;
import org.tributary.executor.interactive.InteractiveSettings;
import org.tributary.executor.job.StoredJob;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Kubernetes objects of one job, built from the job's snapshot and the executor's settings alone: no client, no
 * clock, no randomness, so that the same job always gives the same manifests (golden files in the tests) and a Job
 * created twice is the same Job.
 * <p>
 * A job is one {@code batch/v1} Job that runs its pod once ({@code restartPolicy: Never}, {@code backoffLimit: 0}):
 * running a script twice is not safe in general. The job's refresh token is in a Secret of its own, named after the
 * Job and owned by it once the Job exists ({@link #ownedBy}), so that it goes with the Job; the pod reads it through
 * {@code secretKeyRef}, never as a literal in the pod spec.
 */
public final class JobManifests {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String INSTANCE = "tributary.io/instance";
    public static final String EXECUTOR = "tributary.io/executor";
    public static final String JOB = "tributary.io/job";
    public static final String NODE = "tributary.io/node";
    public static final String PROJECT = "tributary.io/project";
    public static final String TOKEN_KEY = "refresh-token";
    /** The container that runs the job: its status tells how the job ended. */
    public static final String JOB_CONTAINER = "job";
    static final String WORK = "/work";
    static final String RUNNER_MOUNT = "/tributary";
    /** Where the runner image keeps the runner with its Java runtime; its init container copies it out. */
    static final String RUNNER_SOURCE = "/opt/tributary-runner";

    private JobManifests() {
    }

    /** The Job's name: the platform instance and the job id, so it is found again after any restart. */
    public static String jobName(String instance, long jobId) {
        return instance + "-job-" + jobId;
    }

    public static String secretName(String instance, long jobId) {
        return jobName(instance, jobId) + "-token";
    }

    /** The labels that select every object of one executor of one platform instance. */
    public static Map<String, String> executorSelector(String instance, long executorId) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY, "tributary");
        labels.put(INSTANCE, instance);
        labels.put(EXECUTOR, Long.toString(executorId));
        return labels;
    }

    /**
     * @param executorUrl the URL the runner in the pod reaches the executor API at
     * @param timeZone    the jobs' {@code TZ}
     */
    public static Job job(StoredJob job, KubernetesSettings settings, String executorUrl, ZoneId timeZone) {
        return job(job, List.of(), settings, executorUrl, timeZone);
    }

    /**
     * @param secrets the project secrets granted to the job's node: variables become {@code RNDFLOW_SECRET_<NAME>}
     *                from the job's Secret, registry credentials make that Secret an image pull secret as well;
     *                no value is written into the Job
     */
    public static Job job(StoredJob job, List<JobSecret> secrets, KubernetesSettings settings, String executorUrl,
                          ZoneId timeZone) {
        ContainerSpec container = job.spec().container();
        String name = jobName(settings.instance(), job.jobId());
        ObjectMeta meta = meta(name, job, settings);
        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName("work").withNewEmptyDir().endEmptyDir().build());
        List<Container> init = new ArrayList<>();
        List<String> runner = List.of("rndflow-execute");
        List<VolumeMount> mounts = new ArrayList<>(List.of(mount("work", WORK)));
        if (injected(container, settings)) {
            volumes.add(new VolumeBuilder().withName("runner").withNewEmptyDir().endEmptyDir().build());
            VolumeMount runnerMount = mount("runner", RUNNER_MOUNT);
            init.add(new ContainerBuilder()
                    .withName("runner")
                    .withImage(settings.runnerImage())
                    .withImagePullPolicy(settings.pullPolicy().wireName())
                    .withCommand("cp", "-a", RUNNER_SOURCE + "/.", RUNNER_MOUNT + "/")
                    .withVolumeMounts(runnerMount)
                    .withResources(resources("64Mi", 1, null))
                    .build());
            mounts.add(runnerMount);
            runner = List.of(RUNNER_MOUNT + "/bin/tributary-runner");
        }
        List<String> command = new ArrayList<>(runner);
        command.addAll(List.of("--host", executorUrl, "--job", Long.toString(job.jobId())));

        PullPolicy pull = container.imagePullPolicy() != null ? container.imagePullPolicy() : settings.pullPolicy();
        Container main = new ContainerBuilder()
                .withName(JOB_CONTAINER)
                .withImage(container.image())
                .withImagePullPolicy(pull.wireName())
                .withWorkingDir(WORK)
                .withCommand(command)
                .withEnv(environment(job, secrets, settings, timeZone))
                .withResources(resources(container.memory(), container.cores(), container))
                .withVolumeMounts(mounts)
                .build();

        PodSpecBuilder pod = new PodSpecBuilder()
                .withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withServiceAccountName(settings.serviceAccount())
                .withPriorityClassName(settings.priorityClass(container.priority()))
                .withImagePullSecrets(pullSecrets(job, secrets, settings))
                .withInitContainers(init)
                .withContainers(main)
                .withVolumes(volumes);
        if (container.gpus() > 0) {
            KubernetesSettings.GpuPlacement placement = settings.placement(container.gpuKind());
            pod.withNodeSelector(placement.nodeSelector().isEmpty() ? null : new TreeMap<>(placement.nodeSelector()))
                    .withTolerations(placement.tolerations().stream().map(JobManifests::toleration).toList());
        }

        return new JobBuilder()
                .withMetadata(meta)
                .withNewSpec()
                .withBackoffLimit(0)
                .withActiveDeadlineSeconds(container.timeLimitMinutes() > 0 ? container.timeLimitMinutes() * 60L : null)
                .withTtlSecondsAfterFinished((int) settings.finishedTtl().toSeconds())
                .withNewTemplate()
                .withNewMetadata().withLabels(meta.getLabels()).endMetadata()
                .withSpec(pod.build())
                .endTemplate()
                .endSpec()
                .build();
    }

    /** The node's choice of runner, else the executor's. */
    static boolean injected(ContainerSpec container, KubernetesSettings settings) {
        if (container.runner() != null) {
            return container.runner() == RunnerMode.INJECTED;
        }
        return settings.runner() == KubernetesSettings.RunnerMode.INJECTED;
    }

    /**
     * The job's one Secret: its refresh token, the project's variables ({@code secret-<NAME>}), and, when the node's
     * project has registry credentials, {@code .dockerconfigjson} (the Secret is then of that type, so the pod
     * pulls its image with it). Made once the Job exists, owned by it ({@link #ownedBy}), so that it goes with it.
     */
    public static Secret jobSecret(StoredJob job, KubernetesSettings settings, String refreshToken,
                                   List<JobSecret> secrets, Job owner) {
        Secret secret = jobSecret(job, settings, refreshToken, secrets);
        secret.getMetadata().setOwnerReferences(List.of(ownedBy(owner)));
        return secret;
    }

    /** As above, without an owner (the manifest alone). */
    public static Secret jobSecret(StoredJob job, KubernetesSettings settings, String refreshToken,
                                   List<JobSecret> secrets) {
        Map<String, String> data = new TreeMap<>();
        data.put(TOKEN_KEY, base64(refreshToken));
        for (JobSecret secret : secrets) {
            if (secret.isVariable()) {
                data.put(secretKey(secret), base64(secret.value()));
            }
        }
        String registries = DockerConfig.of(secrets);
        if (registries != null) {
            data.put(".dockerconfigjson", base64(registries));
        }
        return new SecretBuilder()
                .withMetadata(meta(secretName(settings.instance(), job.jobId()), job, settings))
                .withType(registries != null ? "kubernetes.io/dockerconfigjson" : "Opaque")
                .withImmutable(true)
                .withData(data)
                .build();
    }

    /** Where a variable is in the job's Secret. */
    static String secretKey(JobSecret secret) {
        return "secret-" + secret.name();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<LocalObjectReference> pullSecrets(StoredJob job, List<JobSecret> secrets,
                                                          KubernetesSettings settings) {
        List<LocalObjectReference> refs = new ArrayList<>(settings.pullSecrets().stream()
                .map(LocalObjectReference::new).toList());
        if (secrets.stream().anyMatch(JobSecret::isRegistry)) {
            refs.add(new LocalObjectReference(secretName(settings.instance(), job.jobId())));
        }
        return refs;
    }

    /**
     * The Service of an interactive job: the gateway reaches the job's Jupyter through it. Owned by the Job, so that
     * Kubernetes deletes it with the Job; it selects the job's pod by the job's labels.
     */
    public static Service interactiveService(StoredJob job, KubernetesSettings settings, Job created) {
        String name = jobName(settings.instance(), job.jobId());
        ObjectMeta meta = meta(name, job, settings);
        meta.setOwnerReferences(List.of(ownedBy(created)));
        Map<String, String> selector = executorSelector(settings.instance(), job.executorId());
        selector.put(JOB, Long.toString(job.jobId()));
        return new ServiceBuilder()
                .withMetadata(meta)
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(selector)
                .addNewPort().withName("jupyter").withProtocol("TCP").withPort(InteractiveSettings.JUPYTER_PORT)
                .withNewTargetPort(InteractiveSettings.JUPYTER_PORT).endPort()
                .endSpec()
                .build();
    }

    /** The owner reference that makes Kubernetes delete an object with its Job. */
    public static OwnerReference ownedBy(Job created) {
        return new OwnerReferenceBuilder()
                .withApiVersion("batch/v1")
                .withKind("Job")
                .withName(created.getMetadata().getName())
                .withUid(created.getMetadata().getUid())
                .withBlockOwnerDeletion(false)
                .withController(false)
                .build();
    }

    private static ObjectMeta meta(String name, StoredJob job, KubernetesSettings settings) {
        Map<String, String> labels = executorSelector(settings.instance(), job.executorId());
        labels.put(JOB, Long.toString(job.jobId()));
        labels.put(NODE, Long.toString(job.spec().nodeId()));
        labels.put(PROJECT, Long.toString(job.projectId()));
        return new ObjectMetaBuilder().withName(name).withNamespace(settings.namespace()).withLabels(labels).build();
    }

    private static List<EnvVar> environment(StoredJob job, List<JobSecret> secrets, KubernetesSettings settings,
                                            ZoneId timeZone) {
        List<EnvVar> env = new ArrayList<>();
        String secretName = secretName(settings.instance(), job.jobId());
        env.add(new EnvVar("TZ", timeZone.getId(), null));
        env.add(fromSecret("RNDFLOW_REFRESH_TOKEN", secretName, TOKEN_KEY));
        secrets.stream().filter(JobSecret::isVariable).sorted(java.util.Comparator.comparing(JobSecret::name))
                .forEach(secret -> env.add(fromSecret(secret.environmentName(), secretName, secretKey(secret))));
        if (job.spec().interactive()) {
            env.add(new EnvVar("JUPYTER_BASE_URL", "/interactive/" + job.jobId() + "/", null));
            env.add(new EnvVar("JUPYTER_PORT", Integer.toString(InteractiveSettings.JUPYTER_PORT), null));
        }
        return env;
    }

    private static EnvVar fromSecret(String variable, String secretName, String key) {
        return new EnvVarBuilder().withName(variable).withNewValueFrom().withNewSecretKeyRef()
                .withName(secretName).withKey(key).endSecretKeyRef().endValueFrom().build();
    }

    /** Requests equal to limits: a job gets what it asked for and no more (Guaranteed QoS). */
    private static ResourceRequirements resources(String memory, int cores, ContainerSpec gpusOf) {
        Map<String, Quantity> requests = new LinkedHashMap<>();
        requests.put("cpu", new Quantity(Integer.toString(cores)));
        requests.put("memory", new Quantity(memory));
        Map<String, Quantity> limits = new LinkedHashMap<>(requests);
        if (gpusOf != null && gpusOf.gpus() > 0) {
            // extended resources are limits only; Kubernetes takes the request to be the same
            limits.put(gpusOf.gpuKind().resourceName(), new Quantity(Integer.toString(gpusOf.gpus())));
        }
        return new ResourceRequirementsBuilder()
                .withRequests(requests).withLimits(limits).build();
    }

    private static VolumeMount mount(String volume, String path) {
        return new VolumeMountBuilder().withName(volume).withMountPath(path).build();
    }

    private static Toleration toleration(KubernetesSettings.Toleration t) {
        return new TolerationBuilder().withKey(t.key()).withOperator(t.operator() == null ? "Equal" : t.operator())
                .withValue(t.value()).withEffect(t.effect()).build();
    }
}
