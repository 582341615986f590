package org.tributary.executor.backend.kubernetes;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.tributary.domain.shared.GpuKind;
import org.tributary.domain.shared.Priority;
import org.tributary.domain.shared.PullPolicy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the Kubernetes backend runs jobs ({@code tributary.executor.kubernetes.*}; chosen with
 * {@code tributary.executor.backend=kubernetes}). The connection itself is Fabric8's usual one: the pod's service
 * account inside a cluster, else {@code ~/.kube/config} or {@code KUBERNETES_MASTER}.
 *
 * @param namespace          where the Jobs, their pods and Secrets live; default the connection's namespace
 * @param instance           names this platform in every Job's name and labels, so that two platforms can share a
 *                           namespace (lower-case letters, digits and {@code -}, at most 20); default {@code tributary}
 * @param serviceAccount     the service account of the jobs' pods; default the namespace's {@code default}. Its
 *                           token is never mounted: a job's script has no business with the Kubernetes API
 * @param executorUrl        the URL jobs reach this executor at (the runner's {@code --host}); default the executor's
 *                           public URL
 * @param pullPolicy         the pull policy of a node that leaves it to the executor; default {@code IfNotPresent}
 * @param pullSecrets        image pull secrets every job's pod gets (names of Secrets in {@code namespace})
 * @param gpus               where GPU jobs go, by kind ({@code nvidia}, {@code amd}): node selector and tolerations
 * @param priorityClasses    the PriorityClass of each priority ({@code low}, {@code normal}, {@code high}); a priority
 *                           without one gets none
 * @param finishedTtl        how long a finished Job stays for inspection ({@code ttlSecondsAfterFinished})
 * @param maxJobs            Jobs of this executor at once; the others wait in order. Default the executor's
 *                           {@code max-running-jobs}
 * @param runner             who speaks the job contract inside the container: {@code library} (the image has the
 *                           original job library; the container runs {@code rndflow-execute}) or {@code injected}
 *                           (an init container copies Tributary's runner in)
 * @param runnerImage        the image of Tributary's runner, for {@code injected}
 * @param imagePullGrace     how long an image may fail to pull before the job fails as {@code ImagePullFailed}
 */
@ConfigurationProperties("tributary.executor.kubernetes")
public record KubernetesSettings(String namespace, String instance, String serviceAccount, String executorUrl,
                                 PullPolicy pullPolicy, List<String> pullSecrets, Map<String, GpuPlacement> gpus,
                                 Map<String, String> priorityClasses, Duration finishedTtl, Integer maxJobs,
                                 RunnerMode runner, String runnerImage, Duration imagePullGrace) {

    public static final String DEFAULT_INSTANCE = "tributary";
    public static final String DEFAULT_RUNNER_IMAGE = "tributary/job-runner:latest";
    private static final List<String> GPU_KINDS = Arrays.stream(GpuKind.values()).map(GpuKind::wireName).toList();
    private static final List<String> PRIORITIES = Arrays.stream(Priority.values()).map(Priority::wireName).toList();
    private static final Pattern INSTANCE = Pattern.compile("[a-z0-9]([a-z0-9-]{0,18}[a-z0-9])?");

    public enum RunnerMode {
        LIBRARY, INJECTED;

        public static RunnerMode of(String value) {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    /**
     * @param nodeSelector labels a GPU node of this kind has
     * @param tolerations  taints of such nodes that its jobs tolerate
     */
    public record GpuPlacement(Map<String, String> nodeSelector, List<Toleration> tolerations) {
        public GpuPlacement {
            nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
            tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
        }
    }

    /** A Kubernetes toleration; {@code operator} {@code Exists} or {@code Equal} (default). */
    public record Toleration(String key, String operator, String value, String effect) {
    }

    public KubernetesSettings {
        if (instance == null || instance.isBlank()) {
            instance = DEFAULT_INSTANCE;
        }
        if (!INSTANCE.matcher(instance).matches()) {
            throw new IllegalArgumentException("tributary.executor.kubernetes.instance '" + instance
                    + "' must be 1 to 20 lower-case letters, digits or '-', starting and ending with a letter or digit");
        }
        namespace = blankToNull(namespace);
        serviceAccount = blankToNull(serviceAccount);
        executorUrl = executorUrl == null || executorUrl.isBlank() ? null : executorUrl.replaceAll("/+$", "");
        if (pullPolicy == null) {
            pullPolicy = PullPolicy.IF_NOT_PRESENT;
        }
        pullSecrets = pullSecrets == null ? List.of() : List.copyOf(pullSecrets);
        gpus = gpus == null ? Map.of() : Map.copyOf(gpus);
        for (String kind : gpus.keySet()) {
            if (!GPU_KINDS.contains(kind)) {
                throw new IllegalArgumentException("tributary.executor.kubernetes.gpus: '" + kind
                        + "' is not a GPU kind (" + String.join(", ", GPU_KINDS) + ")");
            }
        }
        priorityClasses = priorityClasses == null ? Map.of() : Map.copyOf(priorityClasses);
        for (String priority : priorityClasses.keySet()) {
            if (!PRIORITIES.contains(priority)) {
                throw new IllegalArgumentException("tributary.executor.kubernetes.priority-classes: '" + priority
                        + "' is not a priority (" + String.join(", ", PRIORITIES) + ")");
            }
        }
        if (finishedTtl == null) {
            finishedTtl = Duration.ofHours(1);
        }
        if (maxJobs != null && maxJobs < 1) {
            throw new IllegalArgumentException("tributary.executor.kubernetes.max-jobs must be at least 1");
        }
        if (runner == null) {
            runner = RunnerMode.LIBRARY;
        }
        if (runnerImage == null || runnerImage.isBlank()) {
            runnerImage = DEFAULT_RUNNER_IMAGE;
        }
        if (imagePullGrace == null) {
            imagePullGrace = Duration.ofMinutes(2);
        }
    }

    /** Where jobs of this GPU kind go; nowhere in particular when the executor was told nothing of it. */
    public GpuPlacement placement(GpuKind kind) {
        return gpus.getOrDefault(kind.wireName(), new GpuPlacement(null, null));
    }

    /** The PriorityClass of a priority, or null. */
    public String priorityClass(Priority priority) {
        return priorityClasses.get(priority.wireName());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
