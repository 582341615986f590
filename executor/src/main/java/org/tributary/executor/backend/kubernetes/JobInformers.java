package org.tributary.executor.backend.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fabric8 informers on one executor's Jobs and Pods (its label selector): a local cache kept up to date by a watch,
 * never by polling, and a call for every change, by job id. An informer that gives up (the API server unreachable
 * through its retries) is started again after a pause, and the owner told, so that it looks at every job anew.
 */
final class JobInformers {

    /** What the owner hears; called on the informers' threads. */
    interface Changes {
        void changed(long jobId, boolean jobDeleted);

        /** An informer was started again: what it missed is in its cache now. */
        void restarted();
    }

    private static final Logger log = LoggerFactory.getLogger(JobInformers.class);
    private static final long RESTART_SECONDS = 10;

    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, String> selector;
    private final Changes changes;
    private final ScheduledExecutorService restarts;
    private volatile SharedIndexInformer<Job> jobs;
    private volatile SharedIndexInformer<Pod> pods;

    JobInformers(KubernetesClient client, String namespace, Map<String, String> selector, Changes changes,
                 ScheduledExecutorService restarts) {
        this.client = client;
        this.namespace = namespace;
        this.selector = Map.copyOf(selector);
        this.changes = changes;
        this.restarts = restarts;
    }

    /** Starts both informers; returns once their caches hold what the API server has. */
    void start() {
        jobs = informJobs();
        pods = informPods();
    }

    /** The job's Kubernetes Job as the cache has it, or null. */
    Job job(String name) {
        return jobs.getStore().getByKey(namespace + "/" + name);
    }

    /** The newest pod of the job, as the cache has it. */
    Optional<Pod> pod(long jobId) {
        return KubernetesJobs.newest(pods.getStore().list().stream()
                .filter(p -> Long.toString(jobId).equals(label(p, JobManifests.JOB))).toList());
    }

    void close() {
        if (jobs != null) {
            jobs.close();
        }
        if (pods != null) {
            pods.close();
        }
    }

    private SharedIndexInformer<Job> informJobs() {
        SharedIndexInformer<Job> informer = client.batch().v1().jobs().inNamespace(namespace).withLabels(selector)
                .inform(handler(), 0);
        informer.stopped().whenComplete((done, failure) -> restartLater(failure, () -> {
            if (jobs == informer) {
                jobs = informJobs();
            }
        }));
        return informer;
    }

    private SharedIndexInformer<Pod> informPods() {
        SharedIndexInformer<Pod> informer = client.pods().inNamespace(namespace).withLabels(selector)
                .inform(handler(), 0);
        informer.stopped().whenComplete((done, failure) -> restartLater(failure, () -> {
            if (pods == informer) {
                pods = informPods();
            }
        }));
        return informer;
    }

    private void restartLater(Throwable failure, Runnable restart) {
        if (failure == null || restarts.isShutdown()) {
            return; // closed on purpose
        }
        log.warn("a Kubernetes informer stopped ({}); starting it again in {} s", failure.getMessage(),
                RESTART_SECONDS);
        try {
            restarts.schedule(() -> {
                try {
                    restart.run();
                    changes.restarted();
                } catch (KubernetesClientException e) {
                    restartLater(e, restart);
                }
            }, RESTART_SECONDS, TimeUnit.SECONDS);
        } catch (RejectedExecutionException stopped) {
            // the owner stopped meanwhile
        }
    }

    private <T extends HasMetadata> ResourceEventHandler<T> handler() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T item) {
                changed(item, false);
            }

            @Override
            public void onUpdate(T old, T item) {
                changed(item, false);
            }

            @Override
            public void onDelete(T item, boolean finalStateUnknown) {
                changed(item, item instanceof Job);
            }
        };
    }

    private void changed(HasMetadata item, boolean jobDeleted) {
        Long id = jobId(item);
        if (id != null) {
            changes.changed(id, jobDeleted);
        }
    }

    static Long jobId(HasMetadata item) {
        String value = label(item, JobManifests.JOB);
        try {
            return value == null ? null : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String label(HasMetadata item, String name) {
        Map<String, String> labels = item.getMetadata() == null ? null : item.getMetadata().getLabels();
        return labels == null ? null : labels.get(name);
    }
}
