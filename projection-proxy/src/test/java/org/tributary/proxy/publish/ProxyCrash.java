package org.tributary.proxy.publish;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DeliverCallback;
import org.tributary.domain.project.api.NodeMoved;
import org.tributary.proxy.ProjectionProxyApplication;
import org.tributary.testsupport.TestDatabase;
import org.tributary.testsupport.TestEventStore;
import org.tributary.testsupport.TestRabbit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The projection proxy killed by SIGKILL again and again while writers commit concurrently (so that commit order
 * differs from the order of the global index), and a consumer that checks, per aggregate, that no event is lost or
 * out of order; duplicates (a batch published again after a crash, before its token was stored) are counted and
 * recognised by event id. {@code main(events, kills)} is the benchmark ({@code bench/proxy-crash/run.sh}),
 * {@code ProxyCrashTest} a smaller run in the build.
 */
final class ProxyCrash {

    record Figures(long events, int kills, long received, long duplicates, long lost, long outOfOrder,
                   Duration took) {
        @Override
        public String toString() {
            return String.format("proxy crash: %d events, %d kills by SIGKILL, %d messages received, "
                            + "%d duplicates (by event id), %d lost, %d out of order; %d s", events, kills, received,
                    duplicates, lost, outOfOrder, took.toSeconds());
        }
    }

    static final int AGGREGATES = 200;
    static final int WRITERS = 4;

    private ProxyCrash() {
    }

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
        int kills = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        System.out.println(run(events, kills));
    }

    static Figures run(long events, int kills) throws Exception {
        long began = System.nanoTime();
        TestDatabase database = TestDatabase.create("proxy_crash");
        TestEventStore store = TestEventStore.create(database);
        String exchange = TestRabbit.uniqueName("proxy_crash");
        Map<String, List<Long>> firstSeen = new ConcurrentHashMap<>();
        Set<String> eventIds = ConcurrentHashMap.newKeySet();
        AtomicLong received = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        Path log = Files.createTempFile("proxy-crash", ".log");
        try (Connection connection = TestRabbit.connect(); Channel channel = connection.createChannel()) {
            channel.exchangeDeclare(exchange, "topic", true);
            String queue = channel.queueDeclare("", false, true, true, Map.of()).getQueue();
            channel.queueBind(queue, exchange, "#");
            DeliverCallback deliver = (tag, message) -> {
                received.incrementAndGet();
                String id = message.getProperties().getMessageId();
                if (!eventIds.add(id)) {
                    duplicates.incrementAndGet();
                    return;
                }
                Map<String, Object> headers = message.getProperties().getHeaders();
                String aggregate = String.valueOf(headers.get("aggregate-id"));
                long sequence = Long.parseLong(String.valueOf(headers.get("sequence")));
                firstSeen.computeIfAbsent(aggregate, a -> java.util.Collections.synchronizedList(new ArrayList<>()))
                        .add(sequence);
            };
            channel.basicConsume(queue, true, deliver, tag -> { });

            Process proxy = startProxy(database, exchange, log);
            AtomicLong written = new AtomicLong();
            AtomicInteger next = new AtomicInteger();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                Thread writer = new Thread(() -> write(store, database, events, next, written), "writer-" + w);
                writer.start();
                writers.add(writer);
            }
            int killed = 0;
            while (killed < kills) {
                long target = events * (killed + 1) / (kills + 1);
                while (written.get() < target) {
                    Thread.sleep(20);
                }
                proxy.destroyForcibly().waitFor();
                killed++;
                proxy = startProxy(database, exchange, log);
            }
            for (Thread writer : writers) {
                writer.join();
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (eventIds.size() < events && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            proxy.destroy();
            proxy.waitFor();
            channel.exchangeDelete(exchange);
        } finally {
            Files.deleteIfExists(log);
        }
        long lost = 0;
        long outOfOrder = 0;
        for (int a = 0; a < AGGREGATES; a++) {
            List<Long> seen = firstSeen.getOrDefault("agg-" + a, List.of());
            long expected = events / AGGREGATES + (a < events % AGGREGATES ? 1 : 0);
            lost += expected - seen.size();
            for (int i = 1; i < seen.size(); i++) {
                if (seen.get(i) <= seen.get(i - 1)) {
                    outOfOrder++;
                }
            }
        }
        return new Figures(events, kills, received.get(), duplicates.get(), lost, outOfOrder,
                Duration.ofNanos(System.nanoTime() - began));
    }

    /**
     * Event n goes to aggregate n mod {@link #AGGREGATES}, in its own transaction that waits a moment before it
     * commits, so transactions commit out of the order of their global index. Sequence numbers per aggregate are
     * handed out under the aggregate's lock, as Axon's unique (aggregate, sequence) key would enforce.
     */
    private static void write(TestEventStore store, TestDatabase database, long events, AtomicInteger next,
                              AtomicLong written) {
        try (java.sql.Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            for (int n = next.getAndIncrement(); n < events; n = next.getAndIncrement()) {
                int aggregate = n % AGGREGATES;
                synchronized (LOCKS[aggregate]) {
                    store.append(connection, "Project", "agg-" + aggregate, new NodeMoved(aggregate, n, 0, 0));
                    if (ThreadLocalRandom.current().nextInt(10) == 0) {
                        Thread.sleep(1);
                    }
                    connection.commit();
                }
                written.incrementAndGet();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Object[] LOCKS = new Object[AGGREGATES];

    static {
        for (int i = 0; i < LOCKS.length; i++) {
            LOCKS[i] = new Object();
        }
    }

    /**
     * This run's class path: the class loader's when it has one of its own (exec:java runs this inside Maven, whose
     * {@code java.class.path} is Maven's), else the JVM's.
     */
    static String classPath() {
        if (Thread.currentThread().getContextClassLoader() instanceof java.net.URLClassLoader loader
                && loader.getURLs().length > 0) {
            List<String> entries = new ArrayList<>();
            for (java.net.URL url : loader.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    /** The proxy as a process of its own, on this JVM's class path, so that it can be killed outright. */
    static Process startProxy(TestDatabase database, String exchange, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", classPath(), ProjectionProxyApplication.class.getName(),
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.rabbitmq.addresses=amqp://" + TestRabbit.username() + ":" + TestRabbit.password()
                        + "@" + TestRabbit.host() + ":" + TestRabbit.port(),
                "--tributary.proxy.exchange=" + exchange, "--server.port=0");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(log.toString()))).start();
    }
}
