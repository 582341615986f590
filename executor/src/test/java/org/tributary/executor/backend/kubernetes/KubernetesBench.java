package org.tributary.executor.backend.kubernetes;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.tributary.domain.job.api.JobSpec;
import org.tributary.domain.shared.ContainerSpec;
import org.tributary.executor.backend.JobListener;
import org.tributary.executor.job.JobState;
import org.tributary.executor.job.StoredJob;
import org.tributary.testsupport.kubernetes.MockKubernetes;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Job handed to the Kubernetes backend → its Kubernetes Job created (seen by a watch), at a paced rate against
 * Fabric8's mock API server; printed beside the same run's raw rate of creating the same Jobs with the client
 * alone. Usage: {@code bench/kubernetes/run.sh [jobs] [per second]}. Goal (issue 9): p99 ≤ 100 ms at 100/s.
 */
public final class KubernetesBench {

    private KubernetesBench() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        KubernetesSettings settings = new KubernetesSettings("bench", "bench", null, null, null, null, null,
                null, null, jobs, null, null, null);
        // a mock server each, empty: its CRUD dispatcher slows down as it stores more objects
        try (MockKubernetes kubernetes = MockKubernetes.start()) {
            raw(kubernetes.newClient(), settings, jobs);
        }
        try (MockKubernetes kubernetes = MockKubernetes.start()) {
            rawPairs(kubernetes.newClient(), jobs);
        }
        // warm-up (JIT of the client, the mock and the backend; not measured), then the measured run, each on its own
        try (MockKubernetes kubernetes = MockKubernetes.start()) {
            paced(kubernetes, settings, Math.min(300, jobs), rate, false);
        }
        try (MockKubernetes kubernetes = MockKubernetes.start()) {
            paced(kubernetes, settings, jobs, rate, true);
        }
        System.exit(0);
    }

    static StoredJob job(long id) {
        return new StoredJob(id, 5, 1, new JobSpec(2, 1, List.of(), Map.of(), ContainerSpec.of("debian:12", "true"),
                List.of(), false), JobState.QUEUED, null, null, null);
    }

    /** The reference: the same Jobs created one after another with the client alone, as fast as it goes. */
    static void raw(KubernetesClient client, KubernetesSettings settings, int jobs) {
        KubernetesSettings rawSettings = new KubernetesSettings("bench-raw", settings.instance(), null, null, null,
                null, null, null, null, null, null, null, null);
        long start = System.nanoTime();
        for (int i = 0; i < jobs; i++) {
            Job job = JobManifests.job(job(1_000_000L + i), rawSettings, "http://executor", ZoneId.of("UTC"));
            client.batch().v1().jobs().inNamespace("bench-raw").resource(job).create();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("kubernetes raw: %d Jobs created by the client alone in %.1f s = %.0f/s%n", jobs, seconds,
                jobs / seconds);
    }

    /**
     * The reference for the backend's own shape: what a job costs it (its Job, then its Secret), made by the client
     * alone on as many threads as the backend's launchers, as fast as they go: the most the mock serves that way.
     */
    static void rawPairs(KubernetesClient client, int jobs) throws InterruptedException {
        KubernetesSettings pairSettings = new KubernetesSettings("bench-pairs", "bench", null, null, null,
                null, null, null, null, null, null, null, null);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < jobs; i = next.getAndIncrement()) {
                    StoredJob stored = job(2_000_000L + i);
                    Job created = client.batch().v1().jobs().inNamespace("bench-pairs").resource(
                            JobManifests.job(stored, pairSettings, "http://executor", ZoneId.of("UTC"))).create();
                    client.secrets().inNamespace("bench-pairs").resource(JobManifests.jobSecret(stored, pairSettings,
                            "token", List.of(), created)).create();
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("kubernetes raw pairs: %d Jobs and their Secrets created by the client alone on 8 threads"
                + " in %.1f s = %.0f jobs/s%n", jobs, seconds, jobs / seconds);
    }

    static void paced(MockKubernetes kubernetes, KubernetesSettings settings, int jobs, int rate, boolean print)
            throws Exception {
        Map<Long, Long> handed = new ConcurrentHashMap<>();
        Map<Long, Long> created = new ConcurrentHashMap<>();
        Watch watch = kubernetes.client().batch().v1().jobs().inNamespace("bench").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Job job) {
                if (action == Action.ADDED) {
                    created.putIfAbsent(Long.parseLong(job.getMetadata().getLabels().get(JobManifests.JOB)),
                            System.nanoTime());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        KubernetesBackend backend = new KubernetesBackend(kubernetes.newClient(), settings, new ExecutorSide() {
            @Override
            public long executorId() {
                return 5;
            }

            @Override
            public String executorUrl() {
                return "http://executor";
            }

            @Override
            public ZoneId timeZone() {
                return ZoneId.of("UTC");
            }

            @Override
            public int defaultMaxJobs() {
                return jobs;
            }

            @Override
            public String issueToken(long jobId) {
                return "token-" + jobId;
            }

            @Override
            public void revokeTokens(long jobId) {
            }
        }, Clock.systemUTC());
        JobListener listener = new JobListener() {
            @Override
            public void starting(long jobId, RunnerStart start) {
            }

            @Override
            public void exited(long jobId, int exitCode, String outputTail,
                               java.util.function.Supplier<byte[]> printed) {
            }

            @Override
            public void failed(long jobId, String error, String message) {
            }
        };
        backend.resume(List.of(), listener);
        // an executor's backend starts (its informers list and watch) with the executor, long before jobs arrive
        Thread.sleep(2000);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long next = System.nanoTime();
        for (int i = 0; i < jobs; i++) {
            LockSupport.parkNanos(next - System.nanoTime());
            long id = 1 + i;
            handed.put(id, System.nanoTime());
            backend.submit(job(id), listener);
            next += interval;
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (created.size() < jobs && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        backend.stop();
        watch.close();
        List<Long> millis = new ArrayList<>();
        List<List<Long>> quarters = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        handed.forEach((id, at) -> {
            Long seen = created.get(id);
            if (seen != null) {
                millis.add(TimeUnit.NANOSECONDS.toMillis(seen - at));
                quarters.get((int) Math.min(3, (id - 1) * 4 / jobs)).add(TimeUnit.NANOSECONDS.toMillis(seen - at));
            }
        });
        millis.sort(null);
        quarters.forEach(q -> q.sort(null));
        if (!print) {
            return;
        }
        System.out.printf("kubernetes backend: p99 by quarter of the run (the mock slows as it stores more): %s ms%n",
                quarters.stream().map(q -> Long.toString(percentile(q, 99))).toList());
        System.out.printf("kubernetes backend: %d of %d jobs handed over at %d/s became Kubernetes Jobs; "
                        + "job → Job created p50 %d ms, p99 %d ms, max %d ms%n", millis.size(), jobs, rate,
                percentile(millis, 50), percentile(millis, 99), millis.isEmpty() ? 0 : millis.get(millis.size() - 1));
    }

    static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
