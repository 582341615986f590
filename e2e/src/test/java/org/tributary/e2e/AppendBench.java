package org.tributary.e2e;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Events appended through commands against what PostgreSQL commits raw, in the same run and at the same
 * concurrency: {@code clients} threads for {@code seconds} each
 * <ol>
 *   <li><b>raw</b>: insert one row of an event's size into a table of their own and commit, again and again, on
 *   their own JDBC connections (the ceiling for one commit per event on this machine);</li>
 *   <li><b>commands</b>: POST a package at a data node (one {@code PackageCreated} per request, through the
 *   gateway-facing REST API with its access check, validation and the command bus), with command-service,
 *   query-service and projection-proxy running as on a real platform;</li>
 *   <li><b>bulk</b>: the same through the bulk upload ({@code POST …/packages/batch}), {@code batch} packages per
 *   request, all appended in one transaction.</li>
 * </ol>
 * Prints both rates and their ratio. Run with bench/append/run.sh; not a test.
 */
public final class AppendBench {

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        try (Platform platform = new Platform()) {
            platform.startWriteSide();
            Api command = Api.register(Platform.url(platform.command), "bench");
            String path = command.dataNode("append bench", "inbox").packages();
            JdbcTemplate events = platform.command.getBean(JdbcTemplate.class);

            double raw = raw(platform, clients, seconds);

            // warm-up, then the measured window
            run(clients, 5, () -> command.ok("POST", path, Map.of("label", "warm-up")));
            long before = head(events);
            long began = System.nanoTime();
            run(clients, seconds, () -> command.ok("POST", path, Map.of("label", "p", "fields", Map.of("n", 1))));
            double elapsed = (System.nanoTime() - began) / 1e9;
            double appended = (head(events) - before) / elapsed;

            System.out.printf("append: raw single-row commits %.0f/s, events appended through commands %.0f/s "
                    + "(%d clients, %d s each); ratio %.3f (goal ≥ 0.5)%n", raw, appended, clients, seconds,
                    appended / raw);

            List<Map<String, Object>> packages = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                packages.add(Map.of("label", "p" + i, "fields", Map.of("n", i)));
            }
            Map<String, Object> bulk = Map.of("packages", packages);
            String bulkPath = path.replace("/packages?", "/packages/batch?");
            run(clients, 5, () -> command.ok("POST", bulkPath, bulk));
            long bulkBefore = head(events);
            long bulkBegan = System.nanoTime();
            run(clients, seconds, () -> command.ok("POST", bulkPath, bulk));
            double bulkAppended = (head(events) - bulkBefore) / ((System.nanoTime() - bulkBegan) / 1e9);
            System.out.printf("append: events appended through bulk uploads of %d packages %.0f/s; ratio %.3f "
                    + "(goal ≥ 0.5)%n", batch, bulkAppended, bulkAppended / raw);
        }
        System.exit(0);
    }

    private static long head(JdbcTemplate events) {
        Long head = events.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        return head == null ? 0 : head;
    }

    /** Single-row commits per second from {@code clients} connections of their own, rows the size of an event. */
    private static double raw(Platform platform, int clients, int seconds) throws Exception {
        String url = platform.database.jdbcUrl();
        try (Connection setup = DriverManager.getConnection(url, platform.database.username(),
                platform.database.password()); Statement create = setup.createStatement()) {
            create.execute("CREATE TABLE public.append_bench (id bigserial PRIMARY KEY, aggregate text, "
                    + "sequence bigint, payload bytea, at text)");
        }
        byte[] payload = new byte[400];
        AtomicLong commits = new AtomicLong();
        AtomicLong next = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long began = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(() -> {
                try (Connection connection = DriverManager.getConnection(url, platform.database.username(),
                        platform.database.password()); PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO public.append_bench (aggregate, sequence, payload, at) VALUES (?, ?, ?, ?)")) {
                    connection.setAutoCommit(false);
                    while (System.nanoTime() < end) {
                        insert.setString(1, "a" + next.incrementAndGet());
                        insert.setLong(2, 0);
                        insert.setBytes(3, payload);
                        insert.setString(4, java.time.Instant.now().toString());
                        insert.executeUpdate();
                        connection.commit();
                        commits.incrementAndGet();
                    }
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return commits.get() / ((System.nanoTime() - began) / 1e9);
    }

    /** {@code clients} threads each doing {@code work} again and again for {@code seconds}. */
    private static void run(int clients, int seconds, Runnable work) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < end) {
                    work.run();
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
