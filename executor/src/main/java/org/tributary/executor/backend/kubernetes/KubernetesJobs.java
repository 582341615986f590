package org.tributary.executor.backend.kubernetes;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.net.HttpURLConnection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The calls the Kubernetes backend makes, and no decisions: create a job's Job and its Secret (and an interactive
 * job's Service) if absent, find, list and delete them, read a pod's log. Everything is in one namespace and selected by the
 * executor's labels; the executor's Role (deploy/) allows exactly these calls.
 */
final class KubernetesJobs {

    private final KubernetesClient client;
    private final String namespace;

    KubernetesJobs(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    String namespace() {
        return namespace;
    }

    Optional<Job> job(String name) {
        return Optional.ofNullable(client.batch().v1().jobs().inNamespace(namespace).withName(name).get());
    }

    /**
     * Creates the Job unless one of its name exists; answers the Job that exists afterwards. A Job left by an
     * executor that crashed after creating it is adopted, never duplicated.
     */
    Job createIfAbsent(Job job) {
        return unlessExists(() -> client.batch().v1().jobs().inNamespace(namespace).resource(job).create(),
                conflict -> job(job.getMetadata().getName()).orElseThrow(() -> conflict));
    }

    /** Creates an interactive job's Service unless it exists (an executor that crashed after creating it). */
    void createServiceIfAbsent(io.fabric8.kubernetes.api.model.Service service) {
        unlessExists(() -> client.services().inNamespace(namespace).resource(service).create(), conflict -> null);
    }

    /**
     * Creates the job's Secret unless it exists: one left by an attempt that crashed holds a token that still works
     * (a job's tokens are revoked only when it ends), and a Secret is immutable.
     */
    void createSecretIfAbsent(Secret secret) {
        unlessExists(() -> client.secrets().inNamespace(namespace).resource(secret).create(), conflict -> null);
    }

    /**
     * {@code create}, or, when an object of that name exists already (409), what {@code existing} makes of that
     * refusal (the object found, or null when the caller needs nothing back); any other refusal is thrown.
     */
    private static <T> T unlessExists(java.util.function.Supplier<T> create,
                                      java.util.function.Function<KubernetesClientException, T> existing) {
        try {
            return create.get();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            return existing.apply(e);
        }
    }

    List<Job> jobs(Map<String, String> selector) {
        return client.batch().v1().jobs().inNamespace(namespace).withLabels(selector).list().getItems();
    }

    List<Secret> secrets(Map<String, String> selector) {
        return client.secrets().inNamespace(namespace).withLabels(selector).list().getItems();
    }

    /** Deletes a Job with its pods (and, through the owner reference, its Secret). */
    void deleteJob(String name) {
        client.batch().v1().jobs().inNamespace(namespace).withName(name)
                .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    }

    void deleteSecret(String name) {
        client.secrets().inNamespace(namespace).withName(name).delete();
    }

    /** The last lines the job's container printed, or a note why there are none. */
    String logTail(Pod pod, int lines) {
        try {
            String log = client.pods().inNamespace(namespace).withName(pod.getMetadata().getName())
                    .inContainer(JobManifests.JOB_CONTAINER).tailingLines(lines).getLog();
            return log == null || log.isBlank() ? "(the container printed nothing)" : log;
        } catch (KubernetesClientException e) {
            return "(its log cannot be read: " + e.getMessage() + ")";
        }
    }

    /** All the job's container printed, or null when Kubernetes has no log of it (gone, or never started). */
    byte[] log(Pod pod) {
        try {
            String log = client.pods().inNamespace(namespace).withName(pod.getMetadata().getName())
                    .inContainer(JobManifests.JOB_CONTAINER).getLog();
            return log == null ? null : log.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (KubernetesClientException e) {
            return null;
        }
    }

    /**
     * What the newest pod of the Job printed so far; with {@code follow}, Kubernetes' log stream, which ends with
     * the container. Empty when the Job has no pod or its log cannot be read.
     */
    Optional<java.io.InputStream> podLog(String jobName, boolean follow) {
        try {
            Optional<Pod> pod = newestPod(jobName);
            if (pod.isEmpty()) {
                return Optional.empty();
            }
            if (!follow) {
                return Optional.ofNullable(log(pod.get())).map(java.io.ByteArrayInputStream::new);
            }
            io.fabric8.kubernetes.client.dsl.LogWatch watch = client.pods().inNamespace(namespace)
                    .withName(pod.get().getMetadata().getName()).inContainer(JobManifests.JOB_CONTAINER).watchLog();
            return Optional.of(new java.io.FilterInputStream(watch.getOutput()) {
                @Override
                public void close() throws java.io.IOException {
                    try {
                        super.close();
                    } finally {
                        watch.close();
                    }
                }
            });
        } catch (KubernetesClientException e) {
            return Optional.empty();
        }
    }

    /** The newest pod of the Job of that name, if it has one. */
    Optional<Pod> newestPod(String jobName) {
        return newest(client.pods().inNamespace(namespace).withLabel("job-name", jobName).list().getItems());
    }

    /** The newest of a Job's pods. */
    static Optional<Pod> newest(List<Pod> pods) {
        return pods.stream().max(Comparator.comparing(KubernetesJobs::created));
    }

    private static String created(HasMetadata item) {
        String stamp = item.getMetadata().getCreationTimestamp();
        return stamp == null ? "" : stamp;
    }
}
