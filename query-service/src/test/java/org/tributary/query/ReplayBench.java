package org.tributary.query;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tributary.domain.datapackage.api.PackageCreated;
import org.tributary.domain.executor.api.ExecutorCapabilities;
import org.tributary.domain.executor.api.ExecutorRegistered;
import org.tributary.domain.job.api.JobCalculated;
import org.tributary.domain.job.api.JobClaimed;
import org.tributary.domain.job.api.JobCreated;
import org.tributary.domain.job.api.JobDispatched;
import org.tributary.domain.job.api.JobInput;
import org.tributary.domain.job.api.JobOutput;
import org.tributary.domain.job.api.JobProcessed;
import org.tributary.domain.job.api.JobProduced;
import org.tributary.domain.job.api.JobSpec;
import org.tributary.domain.job.api.JobStatus;
import org.tributary.domain.job.api.JobStatusReported;
import org.tributary.domain.job.api.JobUploaded;
import org.tributary.domain.project.api.DataLayerCreated;
import org.tributary.domain.project.api.LinkCreated;
import org.tributary.domain.project.api.NodeCreated;
import org.tributary.domain.project.api.ProjectCreated;
import org.tributary.domain.shared.DataLayerKind;
import org.tributary.domain.shared.LabelFilter;
import org.tributary.domain.shared.LinkType;
import org.tributary.domain.shared.Mapping;
import org.tributary.domain.shared.NodeKind;
import org.tributary.domain.shared.PackageOrigin;
import org.tributary.testsupport.TestDatabase;
import org.tributary.testsupport.TestEventStore;
import org.tributary.testsupport.TestTokens;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.tributary.query.Scenario.CONTAINER;
import static org.tributary.query.Scenario.DATA_FILE;
import static org.tributary.query.Scenario.RESULT;
import static org.tributary.query.Scenario.RUN_PY;

/**
 * Rebuilding every read model from a long history: {@code events} events (default 1,000,000) of 100 projects, each a
 * small graph and then package → job → output cycles of twelve events (the upload, the job's creation, dispatch,
 * claim, three status reports, calculated, uploaded, produced, the output package, processed), written to the event
 * store as command-service writes them. Then query-service starts with its live processor at the head and the bench
 * times a rebuild ({@code Rebuilds}, what {@code POST /api/admin/replay} starts) until it has switched; prints events
 * per second from the rebuild's start (and from its first progress, without its context's start). With
 * {@code REPLAY_MODE=live} it times the live processor filling an empty read model instead (the bench before
 * 2026-12-07). Run with bench/replay/run.sh; not a test.
 */
final class ReplayBench {

    static final int PROJECTS = 100;
    static final int CYCLE = 12;
    /** A replay token's progress is its current token's index; a plain token's its own. */
    private static final Pattern INDEX = Pattern.compile(
            "(?:\"currentToken\"\\s*:\\s*\\{[^}]*?|^\\{[^{]*?)\"index\"\\s*:\\s*(\\d+)");

    private ReplayBench() {
    }

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        TestDatabase database = TestDatabase.create("replay_bench");
        TestEventStore store = TestEventStore.create(database);
        long writeStart = System.nanoTime();
        long head = write(store, events);
        System.out.printf("replay: %d events written in %.0f s%n", head, (System.nanoTime() - writeStart) / 1e9);
        events = head;

        // REPLAY_MODE=live: the live processor catches up on an empty read model (as before 2026-12-07);
        // otherwise the live processor starts at the head and POST /api/admin/replay's rebuild is timed
        boolean live = "live".equals(System.getenv("REPLAY_MODE"));
        if (!live) {
            startAtHead(database, head);
        }
        long start = System.nanoTime();
        java.util.List<String> arguments = new java.util.ArrayList<>(java.util.List.of("--server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--tributary.security.jwk-set-uri=" + TestTokens.shared().jwkSetUri()));
        String extra = System.getenv("REPLAY_ARGS");   // settings to try, e.g. a batch size
        if (extra != null && !extra.isBlank()) {
            arguments.addAll(java.util.List.of(extra.trim().split("\\s+")));
        }
        ConfigurableApplicationContext query = new SpringApplicationBuilder(QueryServiceApplication.class)
                .properties(QueryServiceApplication.CONFIG_NAME).run(arguments.toArray(String[]::new));
        long started = System.nanoTime();
        long firstProgressAt = 0;
        long firstPosition = 0;
        long position = 0;
        if (live) {
            try (Connection connection = database.connect()) {
                while (position < head) {
                    Thread.sleep(200);
                    position = position(connection);
                    if (firstProgressAt == 0 && position > 0) {
                        firstProgressAt = System.nanoTime();
                        firstPosition = position;
                    }
                }
            }
        } else {
            start = System.nanoTime();
            org.tributary.query.admin.Rebuilds rebuilds = query.getBean(org.tributary.query.admin.Rebuilds.class);
            rebuilds.start();
            while (true) {
                Thread.sleep(100);
                org.tributary.query.admin.Rebuilds.Progress progress = rebuilds.progress();
                if (firstProgressAt == 0 && progress.position() != null && progress.position() > 0) {
                    firstProgressAt = System.nanoTime();
                    firstPosition = progress.position();
                }
                if (progress.state() == org.tributary.query.admin.Rebuilds.State.DONE) {
                    break;
                }
                if (progress.state() == org.tributary.query.admin.Rebuilds.State.FAILED) {
                    throw new IllegalStateException("the rebuild failed: " + progress.error());
                }
            }
        }
        long end = System.nanoTime();
        query.close();
        try (Connection connection = database.connect(); PreparedStatement counts = connection.prepareStatement(
                "SELECT (SELECT count(*) FROM query.package), (SELECT count(*) FROM query.job),"
                        + " (SELECT count(*) FROM query.job_status), (SELECT count(*) FROM query.history),"
                        + " (SELECT count(*) FROM query.deadletterentry)");
             ResultSet row = counts.executeQuery()) {
            row.next();
            System.out.printf("replay: read model holds %d packages, %d jobs, %d job status rows, %d history "
                    + "entries; %d dead letters%n", row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4),
                    row.getLong(5));
        }
        System.out.printf("replay (%s): query-service started in %.1f s; read model rebuilt from %d events in"
                        + " %.1f s: %.0f events/s (goal ≥ 20,000); from its first progress %.0f events/s%n",
                live ? "live processor from an empty read model" : "rebuild, POST /api/admin/replay",
                (started - start) / 1e9, events, (end - start) / 1e9, events / ((end - start) / 1e9),
                (head - firstPosition) / ((end - firstProgressAt) / 1e9));
        System.exit(0);
    }

    /**
     * The read model's schema made and the live processor's token set at the head, so that it starts caught up
     * (on an empty read model) and the rebuild has the machine to itself.
     */
    private static void startAtHead(TestDatabase database, long head) throws Exception {
        org.flywaydb.core.Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .schemas("query").defaultSchema("query").locations("classpath:db/query").load().migrate();
        try (Connection connection = database.connect(); PreparedStatement token = connection.prepareStatement(
                "INSERT INTO query.tokenentry (processorname, segment, token, tokentype, timestamp, owner)"
                        + " VALUES ('projections', 0, ?, 'org.axonframework.eventhandling.GapAwareTrackingToken',"
                        + " ?, NULL)")) {
            token.setBytes(1, ("{\"index\":" + head + ",\"gaps\":[]}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            token.setString(2, java.time.Instant.now().toString());
            token.executeUpdate();
        }
    }

    /** The projections' position: the global index their token has reached (0 before their first batch). */
    private static long position(Connection connection) throws Exception {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT convert_from(token, 'UTF8') FROM query.tokenentry WHERE processorname = 'projections'");
             ResultSet rows = select.executeQuery()) {
            long position = 0;
            while (rows.next()) {
                Matcher index = INDEX.matcher(rows.getString(1) == null ? "" : rows.getString(1));
                if (index.find()) {
                    position = Math.max(position, Long.parseLong(index.group(1)));
                }
            }
            return position;
        }
    }

    /** Writes the history; answers the last global index. */
    private static long write(TestEventStore store, long events) throws Exception {
        try (TestEventStore.Bulk batch = store.bulk()) {
            batch.add("Executor", "1", 0, new ExecutorRegistered(1, "local", new ExecutorCapabilities(Map.of(), 4)));
            long perProject = (events - 1) / PROJECTS;
            long id = 1_000;
            for (int p = 0; p < PROJECTS; p++) {
                long project = 10 + p;
                long layer = ++id;
                long data = ++id;
                long compute = ++id;
                int seq = 0;
                String aggregate = Long.toString(project);
                batch.add("Project", aggregate, seq++, new ProjectCreated(project, "project-" + p, 1L));
                batch.add("Project", aggregate, seq++, new DataLayerCreated(project, layer, "main",
                        DataLayerKind.SHARED));
                batch.add("Project", aggregate, seq++, new NodeCreated(project, compute, "train", NodeKind.COMPUTE,
                        CONTAINER, 100, 50, null));
                batch.add("Project", aggregate, seq++, new NodeCreated(project, data, "results", NodeKind.DATA,
                        null, 300, 50, null));
                batch.add("Project", aggregate, seq, new LinkCreated(project, ++id, compute, data, LinkType.PUSH,
                        LabelFilter.ANY, Mapping.NONE));
                for (long written = 5; written + CYCLE <= perProject; written += CYCLE) {
                    long upload = ++id;
                    long job = ++id;
                    long output = ++id;
                    Map<String, Object> fields = Map.of("n", written, "note", "cycle");
                    batch.add("DataPackage", Long.toString(upload), 0, new PackageCreated(upload, project, compute,
                            layer, "run-" + written, fields, List.of(DATA_FILE), List.of(), PackageOrigin.UPLOADED,
                            null, null));
                    JobSpec spec = new JobSpec(compute, layer, List.of(new JobInput(upload, "run-" + written, fields,
                            List.of(DATA_FILE))), Map.of("alpha", 0.5), CONTAINER, List.of(RUN_PY), false);
                    String j = Long.toString(job);
                    int s = 0;
                    batch.add("Job", j, s++, new JobCreated(job, project, spec, 1L));
                    batch.add("Job", j, s++, new JobDispatched(job, project, 1L, spec));
                    batch.add("Job", j, s++, new JobClaimed(job, project, 1L));
                    batch.add("Job", j, s++, new JobStatusReported(job, project, JobStatus.QUEUED));
                    batch.add("Job", j, s++, new JobStatusReported(job, project, JobStatus.STARTED));
                    batch.add("Job", j, s++, new JobStatusReported(job, project, JobStatus.DOWNLOADED));
                    batch.add("Job", j, s++, new JobCalculated(job, project, 0, List.of(RUN_PY, RESULT), null));
                    batch.add("Job", j, s++, new JobUploaded(job, project));
                    JobOutput out = new JobOutput(output, "result-" + written, Map.of("score", 0.5),
                            List.of(RESULT.renamed("result.txt")));
                    batch.add("Job", j, s++, new JobProduced(job, project, compute, layer, List.of(upload),
                            List.of(out)));
                    batch.add("DataPackage", Long.toString(output), 0, new PackageCreated(output, project, compute,
                            layer, out.label(), out.fields(), out.files(), List.of(upload), PackageOrigin.PRODUCED,
                            job, null));
                    batch.add("Job", j, s, new JobProcessed(job, project));
                }
            }
            return batch.head();
        }
    }
}
