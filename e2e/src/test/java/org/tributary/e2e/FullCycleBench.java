package org.tributary.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.tributary.testsupport.Percentiles.millis;

/**
 * The whole cycle on the local backend: POST a package at compute node A → routing → job → projection-proxy →
 * RabbitMQ → executor → job runner → A's script (it only writes one output package carrying the input's fields) →
 * S3 → JobProcessed → the output package routed along a push link to data node B. Prints jobs per second (packages
 * posted until the last output package arrived at B) and the latency from each POST to its output's arrival at B.
 * Run with bench/full-cycle/run.sh; not a test.
 *
 * <p>Arguments: packages (default 300), clients posting at once (4), the executor's max running jobs (4), then any
 * executor arguments ({@code --tributary.executor.local.in-process=false}: one JVM per job's runner).
 */
public final class FullCycleBench {

    static final String SCRIPT = """
            mkdir -p out/1
            cp in/*/fields.json out/1/fields.json
            printf done > out/1/label
            """;

    public static void main(String[] args) throws Exception {
        int packages = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int slots = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        String[] executorArgs = args.length > 3 ? java.util.Arrays.copyOfRange(args, 3, args.length) : new String[0];
        // packages that go the whole way before the measured ones (-Dbench.warmUp, WARM_UP in run.sh), so that the
        // figures are those of a platform that has been running, not of a fresh JVM compiling its path
        int warmUp = Integer.getInteger("bench.warmUp", 0);
        Path workDir = Files.createTempDirectory("full-cycle-bench");
        try (Platform platform = new Platform()) {
            BenchQueue queue = new BenchQueue(platform, "PackageCreated.#");
            platform.startWriteSide();
            Api command = Api.register(Platform.url(platform.command), "bench");
            Platform.Registered executor = platform.registerExecutor(Map.of("label", "bench",
                    "capabilities", Map.of("max_running_jobs", slots)));
            // the executor runs as many jobs at once as it announced (its own setting: by default one per core)
            List<String> withSlots = new ArrayList<>(List.of("--tributary.executor.capabilities.max-running-jobs="
                    + slots));
            withSlots.addAll(List.of(executorArgs));
            platform.startExecutor(executor, workDir, withSlots.toArray(String[]::new));

            JsonNode project = command.ok("POST", "/api/projects", Map.of("name", "bench", "executor_id",
                    executor.id()));
            long p = project.get("id").asLong();
            long layer = project.get("main_data_layer_id").asLong();
            JsonNode a = command.ok("POST", "/api/projects/" + p + "/nodes", Map.of("label", "A", "kind", "compute",
                    "container", Map.of("image", "debian:12", "script", SCRIPT),
                    "version", project.get("version").asLong()));
            JsonNode b = command.ok("POST", "/api/projects/" + p + "/nodes", Map.of("label", "B", "kind", "data",
                    "version", a.get("version").asLong()));
            long nodeB = b.get("id").asLong();
            command.ok("POST", "/api/projects/" + p + "/links", Map.of("from_node_id", a.get("id").asLong(),
                    "to_node_id", nodeB, "type", "push", "version", b.get("version").asLong()));

            Map<Long, Long> postedAt = new ConcurrentHashMap<>();
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch arrived = new CountDownLatch(packages + warmUp + 1);
            queue.listen(message -> {
                long now = System.nanoTime();
                try {
                    JsonNode created = Api.JSON.readTree(message.getBody());
                    if (created.path("nodeId").asLong() != nodeB) {
                        return;
                    }
                    JsonNode n = created.at("/fields/n");
                    Long start = n.isMissingNode() ? null : postedAt.get(n.asLong());
                    if (start != null) {
                        latencies.add(now - start);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                arrived.countDown();
            });

            String path = "/api/projects/" + p + "/nodes/" + a.get("id").asLong() + "/packages?data_layer_id="
                    + layer;
            command.ok("POST", path, Map.of("label", "warm-up"));
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            WarmUp.run(pool, warmUp, () -> command.ok("POST", path, Map.of("label", "warm-up")),
                    () -> arrived.getCount() <= packages, java.time.Duration.ofMinutes(15));
            java.time.Instant since = java.time.Instant.now();
            CpuMeter cpu = new CpuMeter();
            long begin = System.nanoTime();
            for (int i = 0; i < packages; i++) {
                int n = i;
                pool.submit(() -> {
                    postedAt.put((long) n, System.nanoTime());
                    command.ok("POST", path, Map.of("label", "p" + n, "fields", Map.of("n", n)));
                });
            }
            pool.shutdown();
            // the warm-up package's output arrives too; it is counted, its latency is not
            boolean all = arrived.await(15, TimeUnit.MINUTES);
            long elapsed = System.nanoTime() - begin;
            String cpuPerJob = cpu.perUnit(packages, "job");
            queue.close();

            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf("full cycle: %d packages from %d clients, %d jobs at once, executor %s, after %d to"
                            + " warm up; all arrived: %s%n",
                    packages, clients, slots, String.join(" ", executorArgs), warmUp, all);
            System.out.printf("throughput: %.1f jobs/s (package posted → output package at B)%n",
                    packages / (elapsed / 1e9));
            System.out.printf("package→output latency ms: p50 %.0f  p90 %.0f  p99 %.0f  max %.0f  (n=%d)%n",
                    millis(sorted, 0.50), millis(sorted, 0.90), millis(sorted, 0.99), millis(sorted, 1.0),
                    sorted.size());
            System.out.println(cpuPerJob);
            stages(platform, since);
        }
        System.exit(0);
    }

    /**
     * Where a job's time went, from the events' own timestamps: for each kind of event of a job, the median time
     * since the job's creation (the first event of each kind), and the same for the output package's arrival.
     */
    private static void stages(Platform platform, java.time.Instant since) {
        org.springframework.jdbc.core.JdbcTemplate events = platform.command
                .getBean(org.springframework.jdbc.core.JdbcTemplate.class);
        events.query("""
                WITH job AS (
                  SELECT aggregateidentifier AS id, regexp_replace(payloadtype, '.*\\.', '') AS kind,
                         min(timestamp::timestamptz) AS at
                  FROM domainevententry WHERE payloadtype LIKE '%.job.api.%' AND timestamp::timestamptz >= ?
                  GROUP BY 1, 2),
                created AS (SELECT id, at FROM job WHERE kind = 'JobCreated')
                SELECT j.kind, count(*) AS n,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM j.at - c.at) * 1000) AS p50,
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM j.at - c.at) * 1000) AS p90
                FROM job j JOIN created c USING (id) GROUP BY 1 ORDER BY 3""", (org.springframework.jdbc.core.RowCallbackHandler) row -> {
            System.out.printf("package stage %-20s n=%5d  since JobCreated ms: p50 %8.0f  p90 %8.0f%n",
                    row.getString("kind"), row.getLong("n"), row.getDouble("p50"), row.getDouble("p90"));
        }, java.sql.Timestamp.from(since));
    }
}
