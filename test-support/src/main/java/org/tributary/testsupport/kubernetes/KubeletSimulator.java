package org.tributary.testsupport.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A kubelet (and Job controller) for Fabric8's CRUD mock API server: for each Job it sees it creates the pod,
 * moves it through its phases and runs the pod's containers as local processes, with the pod's environment (secret
 * references resolved), each volume a local folder and the working folder under it. The image is ignored, except
 * that paths inside it can be mapped to local folders ({@link #mapImagePath}). A Job's deadline is kept; deleting a
 * Job kills its processes and deletes its pods and owned Secrets (the garbage collector's part).
 * <p>
 * Fault switches per Job: the image cannot be pulled, the container runs out of memory, no node fits.
 */
public final class KubeletSimulator implements AutoCloseable {

    public enum Fault { NONE, PULL_ERROR, OUT_OF_MEMORY, UNSCHEDULABLE }

    private static final Logger log = LoggerFactory.getLogger(KubeletSimulator.class);

    private final KubernetesClient client;
    private final String namespace;
    private final Path root;
    private final Map<String, String> environment;
    private final Map<String, Path> imagePaths = new ConcurrentHashMap<>();
    private final Map<String, Process> running = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "kubelet");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Function<Job, Fault> faults = job -> Fault.NONE;
    private SharedIndexInformer<Job> informer;

    /**
     * @param root        where pods get their folders
     * @param environment added to every container's (PATH with the shims a test provides, say)
     */
    public KubeletSimulator(KubernetesClient client, String namespace, Path root, Map<String, String> environment) {
        this.client = client;
        this.namespace = namespace;
        this.root = root;
        this.environment = Map.copyOf(environment);
    }

    public KubeletSimulator start() {
        informer = client.batch().v1().jobs().inNamespace(namespace).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job job) {
                threads.execute(() -> run(job));
            }

            @Override
            public void onUpdate(Job old, Job job) {
            }

            @Override
            public void onDelete(Job job, boolean finalStateUnknown) {
                threads.execute(() -> collect(job));
            }
        }, 0);
        return this;
    }

    /**
     * A folder with {@code rndflow-execute}, the job library's command, as an image with the library has it: here
     * Tributary's runner on this JVM's class path. Put it first on the simulated pods' {@code PATH}.
     */
    public static Path runnerShim(Path folder) {
        try {
            Files.createDirectories(folder);
            Path shim = folder.resolve("rndflow-execute");
            Files.writeString(shim, "#!/usr/bin/env bash\nexec '" + Path.of(System.getProperty("java.home"), "bin",
                    "java") + "' -cp '" + System.getProperty("java.class.path")
                    + "' org.tributary.runner.JobRunner \"$@\"\n");
            Files.setPosixFilePermissions(shim, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            return folder;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Which fault each new Job meets. */
    public void faults(Function<Job, Fault> faults) {
        this.faults = faults;
    }

    /** A path of the (ignored) image, as a local folder: {@code /opt/tool} → {@code <folder>}. */
    public void mapImagePath(String imagePath, Path folder) {
        imagePaths.put(imagePath, folder);
    }

    private void run(Job job) {
        String jobName = job.getMetadata().getName();
        try {
            Pod pod = client.pods().inNamespace(namespace).resource(newPod(job)).create();
            Fault fault = faults.apply(job);
            if (fault == Fault.UNSCHEDULABLE) {
                status(pod, "Pending", null, List.of(), new PodConditionBuilder().withType("PodScheduled")
                        .withStatus("False").withReason("Unschedulable")
                        .withMessage("0/3 nodes are available: 3 Insufficient nvidia.com/gpu.").build());
                return;
            }
            Container main = pod.getSpec().getContainers().get(0);
            if (fault == Fault.PULL_ERROR) {
                status(pod, "Pending", null, List.of(new ContainerStatusBuilder().withName(main.getName())
                        .withImage(main.getImage()).withNewState().withNewWaiting().withReason("ErrImagePull")
                        .withMessage("pull access denied for " + main.getImage()).endWaiting().endState()
                        .build()), null);
                return;
            }
            if (!awaitSecrets(pod, main)) {
                return;
            }
            Path folder = root.resolve(pod.getMetadata().getName());
            Map<String, Path> volumes = volumes(pod.getSpec(), folder);
            for (Container init : pod.getSpec().getInitContainers()) {
                int code = execute(pod, init, volumes, null);
                if (code != 0) {
                    finish(job, pod, main, code, "Error");
                    return;
                }
            }
            String started = Instant.now().toString();
            status(pod, "Running", started, List.of(running(main, started)), null);
            if (fault == Fault.OUT_OF_MEMORY) {
                finish(job, pod, main, 137, "OOMKilled");
                return;
            }
            Long deadline = job.getSpec().getActiveDeadlineSeconds();
            int code = execute(pod, main, volumes, deadline);
            if (code == Integer.MIN_VALUE) {
                deadlineExceeded(job, pod);
                return;
            }
            finish(job, pod, main, code, code == 0 ? "Completed" : "Error");
        } catch (RuntimeException | IOException e) {
            log.warn("the simulated kubelet could not run Job {}", jobName, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Pod newPod(Job job) {
        String jobName = job.getMetadata().getName();
        Map<String, String> labels = new LinkedHashMap<>();
        if (job.getSpec().getTemplate().getMetadata() != null
                && job.getSpec().getTemplate().getMetadata().getLabels() != null) {
            labels.putAll(job.getSpec().getTemplate().getMetadata().getLabels());
        }
        labels.put("job-name", jobName);
        labels.put("controller-uid", String.valueOf(job.getMetadata().getUid()));
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36),
                36);
        return new PodBuilder()
                .withNewMetadata().withName(jobName + "-" + suffix).withNamespace(namespace).withLabels(labels)
                .withCreationTimestamp(Instant.now().toString())
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
                        .withName(jobName).withUid(job.getMetadata().getUid()).withController(true).build())
                .endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .withNewStatus().withPhase("Pending").endStatus()
                .build();
    }

    /** Runs one container to its end; {@code Integer.MIN_VALUE} when it outlived the deadline and was killed. */
    private int execute(Pod pod, Container container, Map<String, Path> volumes, Long deadlineSeconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.addAll(orEmpty(container.getCommand()));
        command.addAll(orEmpty(container.getArgs()));
        command.replaceAll(part -> local(part, volumes));
        Path workingDir = container.getWorkingDir() == null ? root.resolve(pod.getMetadata().getName())
                : Path.of(local(container.getWorkingDir(), volumes));
        Files.createDirectories(workingDir);
        Path logFile = root.resolve(pod.getMetadata().getName() + "." + container.getName() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().clear();
        builder.environment().put("HOME", workingDir.toString());
        builder.environment().putAll(environment);
        for (EnvVar variable : orEmpty(container.getEnv())) {
            builder.environment().put(variable.getName(), value(variable));
        }
        // as a container runtime does: the command is looked up on the container's PATH, not this JVM's
        command.set(0, onPath(command.get(0), builder.environment().get("PATH")));
        builder.command(command);
        Process process = builder.start();
        String key = pod.getMetadata().getName() + "/" + container.getName();
        running.put(key, process);
        try {
            if (deadlineSeconds != null && !process.waitFor(deadlineSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return Integer.MIN_VALUE;
            }
            return process.waitFor();
        } finally {
            running.remove(key);
        }
    }

    private static String onPath(String program, String path) {
        if (program.contains("/") || path == null) {
            return program;
        }
        for (String folder : path.split(":")) {
            Path candidate = Path.of(folder, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return program;
    }

    /**
     * As a kubelet does with a container whose Secret is missing: the container waits
     * ({@code CreateContainerConfigError}) and is tried again until the Secret exists; false when it never came.
     */
    private boolean awaitSecrets(Pod pod, Container main) throws InterruptedException {
        boolean reported = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            String missing = orEmpty(main.getEnv()).stream()
                    .filter(v -> v.getValueFrom() != null && v.getValueFrom().getSecretKeyRef() != null)
                    .map(v -> v.getValueFrom().getSecretKeyRef().getName()).distinct()
                    .filter(name -> client.secrets().inNamespace(namespace).withName(name).get() == null)
                    .findFirst().orElse(null);
            if (missing == null) {
                return true;
            }
            if (client.batch().v1().jobs().inNamespace(namespace)
                    .withName(pod.getMetadata().getOwnerReferences().get(0).getName()).get() == null
                    || System.nanoTime() > deadline) {
                return false;
            }
            if (!reported) {
                status(pod, "Pending", null, List.of(new ContainerStatusBuilder().withName(main.getName())
                        .withImage(main.getImage()).withNewState().withNewWaiting()
                        .withReason("CreateContainerConfigError").withMessage("secret \"" + missing + "\" not found")
                        .endWaiting().endState().build()), null);
                reported = true;
            }
            Thread.sleep(100);
        }
    }

    private String value(EnvVar variable) {
        if (variable.getValueFrom() == null || variable.getValueFrom().getSecretKeyRef() == null) {
            return variable.getValue() == null ? "" : variable.getValue();
        }
        var ref = variable.getValueFrom().getSecretKeyRef();
        Secret secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
        if (secret == null) {
            throw new IllegalStateException("secret \"" + ref.getName() + "\" not found");
        }
        if (secret.getData() != null && secret.getData().containsKey(ref.getKey())) {
            return new String(Base64.getDecoder().decode(secret.getData().get(ref.getKey())), StandardCharsets.UTF_8);
        }
        return secret.getStringData() == null ? "" : secret.getStringData().getOrDefault(ref.getKey(), "");
    }

    private Map<String, Path> volumes(PodSpec spec, Path folder) throws IOException {
        Map<String, Path> byMount = new HashMap<>(imagePaths);
        for (Container container : spec.getContainers()) {
            for (VolumeMount mount : orEmpty(container.getVolumeMounts())) {
                Path local = folder.resolve(mount.getName());
                Files.createDirectories(local);
                byMount.put(mount.getMountPath(), local);
            }
        }
        return byMount;
    }

    /** An absolute path under a mount (or a mapped image path) as the local folder's path. */
    private static String local(String part, Map<String, Path> mounts) {
        for (Map.Entry<String, Path> mount : mounts.entrySet()) {
            String prefix = mount.getKey();
            if (part.equals(prefix) || part.startsWith(prefix + "/")) {
                return mount.getValue() + part.substring(prefix.length());
            }
        }
        return part;
    }

    private void finish(Job job, Pod pod, Container main, int code, String reason) {
        String now = Instant.now().toString();
        status(pod, code == 0 ? "Succeeded" : "Failed", null, List.of(new ContainerStatusBuilder()
                .withName(main.getName()).withImage(main.getImage()).withImageID(imageId(main.getImage()))
                .withNewState().withNewTerminated().withExitCode(code).withReason(reason).withFinishedAt(now)
                .endTerminated().endState().build()), null);
        jobStatus(job, code == 0 ? "Complete" : "Failed", code == 0 ? null : "BackoffLimitExceeded");
    }

    private void deadlineExceeded(Job job, Pod pod) {
        client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).editStatus(status ->
                new PodBuilder(status).editStatus().withPhase("Failed").withReason("DeadlineExceeded").endStatus()
                        .build());
        jobStatus(job, "Failed", "DeadlineExceeded");
    }

    private void jobStatus(Job job, String type, String reason) {
        var current = client.batch().v1().jobs().inNamespace(namespace).withName(job.getMetadata().getName());
        if (current.get() == null) {
            return;
        }
        current.editStatus(j -> new JobBuilder(j).withNewStatus()
                .withSucceeded("Complete".equals(type) ? 1 : 0).withFailed("Complete".equals(type) ? 0 : 1)
                .addToConditions(new JobConditionBuilder().withType(type).withStatus("True").withReason(reason)
                        .withLastTransitionTime(Instant.now().toString()).build())
                .endStatus().build());
    }

    private void status(Pod pod, String phase, String startTime, List<ContainerStatus> containers,
                        io.fabric8.kubernetes.api.model.PodCondition condition) {
        client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).editStatus(p -> {
            PodBuilder edited = new PodBuilder(p);
            edited.editOrNewStatus().withPhase(phase).withContainerStatuses(containers).endStatus();
            if (startTime != null || p.getStatus() == null || p.getStatus().getStartTime() == null) {
                edited.editStatus().withStartTime(startTime != null ? startTime : Instant.now().toString())
                        .endStatus();
            }
            if (condition != null) {
                edited.editStatus().withConditions(condition).endStatus();
            }
            return edited.build();
        });
    }

    private static ContainerStatus running(Container main, String started) {
        return new ContainerStatusBuilder().withName(main.getName()).withImage(main.getImage())
                .withImageID(imageId(main.getImage())).withNewState().withNewRunning().withStartedAt(started)
                .endRunning().endState().build();
    }

    /** What a runtime reports: the repository and a digest (here of the reference itself). */
    static String imageId(String image) {
        try {
            String repository = image.contains("@") ? image.substring(0, image.indexOf('@'))
                    : image.replaceFirst(":[^:/]+$", "");
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(image.getBytes(StandardCharsets.UTF_8));
            return "docker-pullable://" + repository + "@sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the garbage collector does when a Job goes: its processes die, its pods and owned Secrets go. */
    private void collect(Job job) {
        String jobName = job.getMetadata().getName();
        running.forEach((key, process) -> {
            if (key.startsWith(jobName + "-")) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        });
        client.pods().inNamespace(namespace).withLabel("job-name", jobName).delete();
        for (Secret secret : client.secrets().inNamespace(namespace).list().getItems()) {
            boolean owned = orEmpty(secret.getMetadata().getOwnerReferences()).stream()
                    .anyMatch(owner -> jobName.equals(owner.getName()) && "Job".equals(owner.getKind()));
            if (owned) {
                client.secrets().inNamespace(namespace).withName(secret.getMetadata().getName()).delete();
            }
        }
    }

    private static <T> List<T> orEmpty(List<T> items) {
        return items == null ? List.of() : items;
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
        running.values().forEach(process -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        });
        threads.shutdownNow();
    }
}
