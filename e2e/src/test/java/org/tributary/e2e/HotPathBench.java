package org.tributary.e2e;

import com.fasterxml.jackson.databind.JsonNode;

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
 * The hot path, package to dispatch: POST a package → PackageCreated → routing → JobCreated + JobDispatched →
 * projection-proxy → RabbitMQ. Prints throughput (jobs dispatched per second) and latency percentiles from the
 * POST's answer to the JobDispatched message's arrival. No executor runs, so jobs are only dispatched.
 * Run with bench/hot-path/run.sh; not a test.
 */
public final class HotPathBench {

    public static void main(String[] args) throws Exception {
        int packages = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        // packages posted (by the same clients) before the measured ones, so that the JIT has compiled the path:
        // the figures are the steady state of a platform that has been running, not a fresh JVM's first seconds
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        // packages per second the measured packages are posted at, all clients together; 0: as fast as the clients
        // can (closed loop: the throughput is the platform's most, and the latency is that of a saturated platform)
        double rate = args.length > 3 ? Double.parseDouble(args[3]) : 0;
        try (Platform platform = new Platform()) {
            BenchQueue queue = new BenchQueue(platform, "JobDispatched.#");
            platform.startWriteSide();
            Api command = Api.register(Platform.url(platform.command), "bench");

            long executor = platform.registerExecutor(Map.of("label", "bench")).id();
            JsonNode project = command.ok("POST", "/api/projects", Map.of("name", "bench", "executor_id", executor));
            long p = project.get("id").asLong();
            long layer = project.get("main_data_layer_id").asLong();
            long node = command.ok("POST", "/api/projects/" + p + "/nodes", Map.of("label", "work",
                    "container", Map.of("image", "debian:12", "script", "true"), "version",
                    project.get("version").asLong())).get("id").asLong();

            Map<Long, Long> postedAt = new ConcurrentHashMap<>();
            // per measured package: its whole latency, its POST's and its last leg's, to see which stage the
            // slowest ones lost their time in
            Map<Long, Long> latencyOf = new ConcurrentHashMap<>();
            Map<Long, Long> postOf = new ConcurrentHashMap<>();
            Map<Long, Long> lastLegOf = new ConcurrentHashMap<>();
            // the slowest package of each second (since the bench started) it was posted in: stalls show here
            Map<Long, Long> slowest = new ConcurrentHashMap<>();
            long benchStart = System.nanoTime();
            long uptimeAtStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
            List<Long> posts = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch dispatched = new CountDownLatch(packages + warmUp + 1);
            queue.listen(message -> {
                long now = System.nanoTime();
                try {
                    JsonNode n = Api.JSON.readTree(message.getBody()).at("/spec/inputs/0/fields/n");
                    Long start = n.isMissingNode() ? null : postedAt.get(n.asLong());
                    if (start != null) {
                        latencyOf.put(n.asLong(), now - start);
                        slowest.merge((start - benchStart) / 1_000_000_000L, now - start, Math::max);
                        // the event's own time (routing made it) to its arrival here: commit, proxy, RabbitMQ
                        Object stamp = message.getMessageProperties().getHeaders().get("timestamp");
                        long lastLeg = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()
                                - java.time.Instant.parse(String.valueOf(stamp)).toEpochMilli());
                        lastLegOf.put(n.asLong(), lastLeg);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                dispatched.countDown();
            });

            String path = "/api/projects/" + p + "/nodes/" + node + "/packages?data_layer_id=" + layer;
            command.ok("POST", path, Map.of("label", "warm-up"));
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            WarmUp.run(pool, warmUp, () -> command.ok("POST", path, Map.of("label", "warm-up")),
                    () -> dispatched.getCount() <= packages, java.time.Duration.ofMinutes(5));
            // how often and how long the measured uploads waited for routing to catch up (UploadBackPressure)
            io.micrometer.core.instrument.Timer waits = platform.command
                    .getBean(io.micrometer.core.instrument.MeterRegistry.class)
                    .get("tributary.uploads.routing.wait").timer();
            long waitsBefore = waits.count();
            double waitedBefore = waits.totalTime(TimeUnit.MILLISECONDS);
            CpuMeter cpu = new CpuMeter();
            long begin = System.nanoTime();
            for (int i = 0; i < packages; i++) {
                int n = i;
                // paced: package n is due at begin + n / rate, whether or not the ones before it were answered
                long due = rate > 0 ? begin + (long) (n * 1e9 / rate) : 0;
                pool.submit(() -> {
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    long start = System.nanoTime();
                    // a paced package's latency counts from when it was due, not from when a client was free to
                    // send it: a slow answer delays the packages behind it, and that delay is the platform's too
                    postedAt.put((long) n, rate > 0 ? due : start);
                    command.ok("POST", path, Map.of("label", "p" + n, "fields", Map.of("n", n)));
                    posts.add(System.nanoTime() - start);
                    postOf.put((long) n, System.nanoTime() - (rate > 0 ? due : start));
                });
            }
            pool.shutdown();
            // the warm-up package is dispatched too; it is counted, its latency is not
            boolean all = dispatched.await(10, TimeUnit.MINUTES);
            long elapsed = System.nanoTime() - begin;
            // the CPU the measured packages cost (the bench's clients and consumer are in this JVM too): a change
            // in the code moves it, a slower day on a shared host moves the rate and the latency more than this
            String cpuPerPackage = cpu.perUnit(packages, "package");
            queue.close();

            List<Long> sorted = new ArrayList<>(latencyOf.values());
            Collections.sort(sorted);
            System.out.printf("hot path: %d packages from %d clients after %d to warm up, %s, all dispatched: %s%n",
                    packages, clients, warmUp, rate > 0
                            ? "posted at " + rate + " packages/s (latency from when each was due)"
                            : "posted as fast as the clients could", all);
            com.sun.management.HotSpotDiagnosticMXBean vm = java.lang.management.ManagementFactory
                    .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            boolean tiered = Boolean.parseBoolean(vm.getVMOption("TieredCompilation").getValue());
            String level = vm.getVMOption("TieredStopAtLevel").getValue();
            System.out.printf("JIT: %s%n", !tiered ? "C2 only (no tiered compilation)"
                    : level.equals("1") ? "client compiler only (as ./tributary)"
                    : level.equals("4") ? "tiered (C1 and C2)" : "tiered, stopping at level " + level);
            System.out.printf(rate > 0 ? "throughput: %.0f jobs dispatched/s (the rate posted at, if it kept up)%n"
                    : "throughput: %.0f jobs dispatched/s%n", packages / (elapsed / 1e9));
            System.out.println(cpuPerPackage);
            System.out.printf("package→dispatch latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f  (n=%d)%n",
                    millis(sorted, 0.50), millis(sorted, 0.90), millis(sorted, 0.99), millis(sorted, 1.0),
                    sorted.size());
            System.out.printf("slowest seconds (s after the bench's start, %.1f s of JVM uptime: max ms): %s%n",
                    uptimeAtStart / 1000.0, slowest.entrySet().stream()
                    .sorted(Map.Entry.<Long, Long>comparingByValue().reversed()).limit(6)
                    .map(e -> e.getKey() + ": " + e.getValue() / 1_000_000).collect(java.util.stream.Collectors
                            .joining(", ")));
            List<Long> postSorted = new ArrayList<>(posts);
            Collections.sort(postSorted);
            System.out.printf("package POST answered ms (from its send): p50 %.1f  p99 %.1f%n", millis(postSorted, 0.5),
                    millis(postSorted, 0.99));
            long waited = waits.count() - waitsBefore;
            System.out.printf("package POSTs that waited for routing: %d of %d, %.1f ms on average%n", waited,
                    packages, waited == 0 ? 0 : (waits.totalTime(TimeUnit.MILLISECONDS) - waitedBefore) / waited);
            // where the time went, from the events' own timestamps: PackageCreated → JobDispatched is routing
            org.springframework.jdbc.core.JdbcTemplate events = platform.command
                    .getBean(org.springframework.jdbc.core.JdbcTemplate.class);
            Map<Long, Long> routingOf = routingOf(events);
            List<Long> routingSorted = new ArrayList<>(routingOf.values());
            Collections.sort(routingSorted);
            System.out.printf("package routing (PackageCreated → JobDispatched appended) ms: p50 %.1f  p99 %.1f%n",
                    millis(routingSorted, 0.5), millis(routingSorted, 0.99));
            List<Long> deliverySorted = new ArrayList<>(lastLegOf.values());
            Collections.sort(deliverySorted);
            System.out.printf("JobDispatched appended → received from RabbitMQ ms: p50 %.1f  p99 %.1f%n",
                    millis(deliverySorted, 0.5), millis(deliverySorted, 0.99));
            // of which the proxy's part: every event's append to RabbitMQ's confirm (the whole run, warm-up too)
            io.micrometer.core.instrument.distribution.ValueAtPercentile[] lag = platform.proxy
                    .getBean(io.micrometer.core.instrument.MeterRegistry.class)
                    .get("tributary.proxy.publish.lag").timer().takeSnapshot().percentileValues();
            System.out.printf("JobDispatched of which proxy (any event appended → confirmed) ms: %s%n",
                    java.util.Arrays.stream(lag).map(v -> String.format("p%.0f %.1f", v.percentile() * 100,
                            v.value(TimeUnit.MILLISECONDS))).collect(java.util.stream.Collectors.joining("  ")));
            slowestByStage(latencyOf, postOf, routingOf, lastLegOf);
        }
        System.exit(0);
    }

    /**
     * Where the slowest 1 % of the packages lost their time: the medians, over those packages, of their POST (from
     * its send, or when paced from when it was due, to its answer), their routing (PackageCreated's time to
     * JobDispatched's, from the event table) and their last leg (JobDispatched's time to its arrival here), beside
     * the same medians over all packages. The three do not add up exactly (the POST's answer and the event's time are
     * taken on different threads, the events' times to the millisecond).
     */
    private static void slowestByStage(Map<Long, Long> latencyOf, Map<Long, Long> postOf, Map<Long, Long> routingOf,
                                       Map<Long, Long> lastLegOf) {
        List<Long> slowest = latencyOf.entrySet().stream()
                .sorted(Map.Entry.<Long, Long>comparingByValue().reversed())
                .limit(Math.max(1, latencyOf.size() / 100)).map(Map.Entry::getKey).toList();
        System.out.printf("slowest 1 %% (%d packages), medians ms: whole %.1f  POST %.1f  routing %.1f  last leg %.1f"
                        + "  (all packages: %.1f / %.1f / %.1f / %.1f)%n", slowest.size(),
                median(slowest, latencyOf), median(slowest, postOf), median(slowest, routingOf),
                median(slowest, lastLegOf), median(latencyOf.keySet(), latencyOf), median(latencyOf.keySet(), postOf),
                median(latencyOf.keySet(), routingOf), median(latencyOf.keySet(), lastLegOf));
    }

    /**
     * Each measured package's routing, by its number: from its PackageCreated's time to its JobDispatched's, as the
     * event table holds them (the measured packages only: their label is p&lt;n&gt;).
     */
    private static Map<Long, Long> routingOf(org.springframework.jdbc.core.JdbcTemplate events) {
        Map<Long, Long> routingOf = new java.util.HashMap<>();
        events.query("""
                SELECT substring(convert_from(p.payload, 'UTF8')::json ->> 'label' FROM 2)::bigint AS n,
                       extract(epoch FROM (d.timestamp::timestamptz - p.timestamp::timestamptz)) * 1000 AS ms
                FROM domainevententry d
                JOIN domainevententry p ON p.aggregateidentifier =
                     (convert_from(d.payload, 'UTF8')::json #>> '{spec,inputs,0,packageId}')
                 AND p.payloadtype LIKE '%.PackageCreated'
                 AND convert_from(p.payload, 'UTF8')::json ->> 'label' ~ '^p[0-9]+$'
                WHERE d.payloadtype LIKE '%.JobDispatched'""", row -> {
            routingOf.put(row.getLong("n"), TimeUnit.MICROSECONDS.toNanos((long) (row.getDouble("ms") * 1000)));
        });
        return routingOf;
    }

    private static double median(java.util.Collection<Long> packages, Map<Long, Long> nanos) {
        List<Long> values = new ArrayList<>(packages.stream().map(nanos::get).filter(java.util.Objects::nonNull)
                .toList());
        Collections.sort(values);
        return values.isEmpty() ? Double.NaN : millis(values, 0.5);
    }
}
