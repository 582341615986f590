package org.tributary.domain.shared;

import java.util.regex.Pattern;

/**
 * What a compute node runs: the image, the shell script run in the job root, and the resources its job asks for.
 * Validated on construction, so an invalid spec can never reach an event.
 *
 * @param image            image reference, e.g. {@code python:3.12-slim} or {@code registry:5000/team/tool@sha256:…}
 * @param script           shell command run with bash in the job folder
 * @param memory           Kubernetes quantity, e.g. {@code 256M} or {@code 2Gi}
 * @param cores            CPU cores, at least 1
 * @param gpus             GPU count, at least 0
 * @param gpuKind          vendor, required when {@code gpus > 0}, absent otherwise
 * @param timeLimitMinutes 0 for none
 * @param priority         scheduling priority
 * @param imagePullPolicy  {@code null} for the executor's default
 * @param parallelJobs     jobs of this node running at once; 0 for no limit
 * @param runner           who runs the job contract in the container on Kubernetes; {@code null} for the
 *                         executor's choice
 */
public record ContainerSpec(String image, String script, String memory, int cores, int gpus, GpuKind gpuKind,
                            int timeLimitMinutes, Priority priority, PullPolicy imagePullPolicy, int parallelJobs,
                            RunnerMode runner) {

    public ContainerSpec(String image, String script, String memory, int cores, int gpus, GpuKind gpuKind,
                         int timeLimitMinutes, Priority priority, PullPolicy imagePullPolicy, int parallelJobs) {
        this(image, script, memory, cores, gpus, gpuKind, timeLimitMinutes, priority, imagePullPolicy, parallelJobs,
                null);
    }

    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String DOMAIN_PART = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN = "(?:" + DOMAIN_PART + "(?:\\." + DOMAIN_PART + ")*(?::[0-9]+)?|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?)";
    private static final String TAG = "[\\w][\\w.-]{0,127}";
    private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
    /** The grammar of distribution/reference: optional registry, path components, optional tag and digest. */
    private static final Pattern IMAGE = Pattern.compile(
            "(?:" + DOMAIN + "/)?" + COMPONENT + "(?:/" + COMPONENT + ")*(?::" + TAG + ")?(?:@" + DIGEST + ")?");
    /** A Kubernetes resource quantity for memory: decimal or binary suffix, or an exponent. */
    private static final Pattern QUANTITY = Pattern.compile(
            "(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E|[eE][+-]?[0-9]+)?");

    public static final String DEFAULT_MEMORY = "512Mi";

    public ContainerSpec {
        Check.notBlank("container.image", image, 255);
        if (!IMAGE.matcher(image).matches()) {
            throw new InvalidInput("container.image",
                    "container.image '" + image + "' is not a valid image reference");
        }
        if (script == null) {
            script = "";
        }
        Check.text("container.script", script, 65536);
        if (memory == null || memory.isBlank()) {
            memory = DEFAULT_MEMORY;
        }
        if (!QUANTITY.matcher(memory).matches() || !hasNonZeroDigit(memory)) {
            throw new InvalidInput("container.memory",
                    "container.memory '" + memory + "' is not a positive Kubernetes quantity such as 256M or 2Gi");
        }
        Check.atLeast("container.cores", cores, 1);
        Check.atLeast("container.gpus", gpus, 0);
        if (gpus > 0 && gpuKind == null) {
            throw new InvalidInput("container.gpu_kind", "container.gpu_kind (nvidia or amd) is required when gpus > 0");
        }
        if (gpus == 0) {
            gpuKind = null;
        }
        Check.atLeast("container.time_limit_minutes", timeLimitMinutes, 0);
        if (priority == null) {
            priority = Priority.NORMAL;
        }
        Check.atLeast("container.parallel_jobs", parallelJobs, 0);
    }

    /** Whether the number before the suffix or exponent is above zero ({@code 0Mi} and {@code 0e3} are not). */
    private static boolean hasNonZeroDigit(String quantity) {
        for (int i = 0; i < quantity.length(); i++) {
            char c = quantity.charAt(i);
            if (c >= '1' && c <= '9') {
                return true;
            }
            if (c != '0' && c != '.') {
                return false;
            }
        }
        return false;
    }

    /** A spec with defaults for everything but the image and script. */
    public static ContainerSpec of(String image, String script) {
        return new ContainerSpec(image, script, DEFAULT_MEMORY, 1, 0, null, 0, Priority.NORMAL, null, 0);
    }
}
