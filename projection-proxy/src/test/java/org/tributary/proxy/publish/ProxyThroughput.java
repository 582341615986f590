package org.tributary.proxy.publish;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.tributary.domain.datapackage.api.PackageCreated;
import org.tributary.domain.shared.FileRef;
import org.tributary.domain.shared.PackageOrigin;
import org.tributary.proxy.ProjectionProxyApplication;
import org.tributary.testsupport.TestDatabase;
import org.tributary.testsupport.TestEventStore;
import org.tributary.testsupport.TestRabbit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.tributary.testsupport.Percentiles.millis;

/**
 * How fast projection-proxy forwards, against what the broker takes from a plain client in the same run:
 * <ol>
 *   <li><b>raw</b>: one channel in confirm mode publishes {@code events} messages of the same size, routing key and
 *   headers as the proxy's, persistent, in batches of the proxy's batch size, each batch awaited (as the proxy
 *   awaits its batch) — the reference, measured on a second pass (warm, as the proxy is);</li>
 *   <li><b>catch-up</b>: the proxy (a process of its own) forwards {@code events} {@code PackageCreated} events to
 *   warm up, is paused while {@code events} more are appended, and resumed: from its first message to its last,
 *   events forwarded per second;</li>
 *   <li><b>lag</b>: the proxy running, four writers append {@code rate} events per second for {@code seconds}; each
 *   message's lag is from its event's append (the event's own timestamp) to its arrival at a consumer.</li>
 * </ol>
 * All three deliver to the same consumer queue. Run with bench/proxy/run.sh; not a test.
 */
final class ProxyThroughput {

    /** ProxyProperties: tributary.proxy.batch-size (PROXY_BATCH when PROXY_ARGS sets it) */
    static final int BATCH = Integer.parseInt(System.getenv().getOrDefault("PROXY_BATCH", "100"));

    private ProxyThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        TestDatabase database = TestDatabase.create("proxy_bench");
        TestEventStore store = TestEventStore.create(database);
        String exchange = TestRabbit.uniqueName("proxy_bench");
        AtomicLong received = new AtomicLong();
        AtomicLong firstAt = new AtomicLong();
        AtomicLong lastAt = new AtomicLong();
        List<Long> lags = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger phase = new AtomicInteger();
        Path log = Files.createTempFile("proxy-bench", ".log");
        Process proxy = null;
        try (Connection connection = TestRabbit.connect(); Channel consumer = connection.createChannel();
             Channel publisher = connection.createChannel()) {
            consumer.exchangeDeclare(exchange, "topic", true);
            String queue = consumer.queueDeclare("", false, true, true, Map.of()).getQueue();
            consumer.queueBind(queue, exchange, "#");
            consumer.basicQos(1000);
            consumer.basicConsume(queue, true, (tag, message) -> {
                long now = System.nanoTime();
                firstAt.compareAndSet(0, now);
                lastAt.set(now);
                received.incrementAndGet();
                if (phase.get() == 3) {
                    Object at = message.getProperties().getHeaders().get("timestamp");
                    lags.add(java.time.Duration.between(Instant.parse(String.valueOf(at)), Instant.now()).toNanos());
                }
            }, tag -> { });

            // 1. raw confirmed publishes of messages like the proxy's
            byte[] body = TestEventStore.MAPPER.writeValueAsBytes(event(0));
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
                    .deliveryMode(2).messageId("m").timestamp(new java.util.Date())
                    .headers(Map.of("event-type", "PackageCreated", "payload-type", PackageCreated.class.getName(),
                            "aggregate-id", "p-1", "aggregate-type", "DataPackage", "sequence", 0L,
                            "project-id", 1L, "timestamp", Instant.now().toString())).build();
            publisher.confirmSelect();
            phase.set(1);
            // warm, as the proxy is: a first pass is not measured
            rawPublishes(publisher, exchange, properties, body, events);
            awaitReceived(received, events);
            received.set(0);
            double rawRate = rawPublishes(publisher, exchange, properties, body, events);
            awaitReceived(received, events);

            // 2. catch-up: a warm proxy (it forwarded as many events already) is paused (SIGSTOP) while the events
            //    are appended, then resumed; from its first message to its last
            received.set(0);
            phase.set(2);
            proxy = startProxy(database, exchange, log);
            appendAll(store, database, "w-", events, 4);
            awaitReceived(received, events);
            signal(proxy, "STOP");
            appendAll(store, database, "p-", events, 4);
            received.set(0);
            firstAt.set(0);
            long cpuBefore = cpuNanos(proxy);
            signal(proxy, "CONT");
            awaitReceived(received, events);
            double proxyRate = (events - 1) / ((lastAt.get() - firstAt.get()) / 1e9);
            double cpuPerEvent = (cpuNanos(proxy) - cpuBefore) / 1e3 / events;

            // 3. lag at a steady rate
            received.set(0);
            phase.set(3);
            int paced = rate * seconds;
            appendPaced(store, database, paced, rate, 4);
            awaitReceived(received, paced);

            List<Long> sorted = new ArrayList<>(lags);
            Collections.sort(sorted);
            System.out.printf("proxy raw: %d confirmed publishes in batches of %d: %.0f messages/s%n", events,
                    BATCH, rawRate);
            System.out.printf("proxy catch-up: %d events forwarded at %.0f events/s; ratio to raw %.2f (goal ≥ 0.8);"
                    + " the proxy's CPU %.0f µs per event%n", events, proxyRate, proxyRate / rawRate, cpuPerEvent);
            System.out.printf("proxy lag at %d events/s for %d s (append → consumer) ms: p50 %.1f  p90 %.1f  "
                            + "p99 %.1f  max %.1f  (n=%d; goal p99 ≤ 50)%n", rate, seconds, millis(sorted, 0.5),
                    millis(sorted, 0.9), millis(sorted, 0.99), millis(sorted, 1.0), sorted.size());
            consumer.exchangeDelete(exchange);
        } finally {
            if (proxy != null) {
                proxy.destroy();
                proxy.waitFor(30, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(log);
        }
        System.exit(0);
    }

    /** {@code events} confirmed publishes in batches of {@link #BATCH}, each batch awaited: messages per second. */
    private static double rawPublishes(Channel publisher, String exchange, AMQP.BasicProperties properties,
                                       byte[] body, int events) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            publisher.basicPublish(exchange, "PackageCreated.1._", properties, body);
            if ((i + 1) % BATCH == 0 || i == events - 1) {
                publisher.waitForConfirmsOrDie(30_000);
            }
        }
        return events / ((System.nanoTime() - start) / 1e9);
    }

    static PackageCreated event(long n) {
        return new PackageCreated(1_000_000 + n, 1, 2, 3, "result-" + n, Map.of("n", n, "score", 0.5 * n),
                List.of(new FileRef("data.csv", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                        1234, false, "text/csv")), List.of(999L), PackageOrigin.values()[0], null, null);
    }

    /** The process's CPU time so far (user and system, all its threads). */
    private static long cpuNanos(Process process) {
        return process.info().totalCpuDuration().orElseThrow().toNanos();
    }

    private static void signal(Process process, String signal) throws Exception {
        if (new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " failed");
        }
    }

    private static void appendAll(TestEventStore store, TestDatabase database, String prefix, int events,
                                  int writers)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Thread thread = new Thread(() -> {
                try (java.sql.Connection connection = database.connect()) {
                    for (int n = next.getAndIncrement(); n < events; n = next.getAndIncrement()) {
                        store.append(connection, "DataPackage", prefix + n, event(n));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** {@code events} appended at {@code rate} per second, spread over {@code writers}, each in its own commit. */
    private static void appendPaced(TestEventStore store, TestDatabase database, int events, int rate, int writers)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        long spacing = 1_000_000_000L / rate;
        CountDownLatch done = new CountDownLatch(writers);
        for (int w = 0; w < writers; w++) {
            new Thread(() -> {
                try (java.sql.Connection connection = database.connect()) {
                    for (int n = next.getAndIncrement(); n < events; n = next.getAndIncrement()) {
                        long due = start + n * spacing;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        store.append(connection, "DataPackage", "q-" + n, event(n));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
    }

    private static void awaitReceived(AtomicLong received, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (received.get() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + received.get() + " of " + expected + " messages arrived");
            }
            Thread.sleep(5);
        }
    }

    /** The proxy as a process of its own, as deployed (the JIT fully on, unlike the crash bench's quick starts). */
    private static Process startProxy(TestDatabase database, String exchange, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
        String options = System.getenv("PROXY_JAVA_OPTS");   // a profiler's, for instance
        if (options != null && !options.isBlank()) {
            command.addAll(List.of(options.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", ProxyCrash.classPath(), ProjectionProxyApplication.class.getName(),
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.rabbitmq.addresses=amqp://" + TestRabbit.username() + ":" + TestRabbit.password()
                        + "@" + TestRabbit.host() + ":" + TestRabbit.port(),
                "--tributary.proxy.exchange=" + exchange, "--server.port=0"));
        String arguments = System.getenv("PROXY_ARGS");   // settings to try, e.g. a batch size
        if (arguments != null && !arguments.isBlank()) {
            command.addAll(List.of(arguments.trim().split("\\s+")));
        }
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(log.toString()))).start();
    }
}
