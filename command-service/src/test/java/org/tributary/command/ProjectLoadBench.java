package org.tributary.command;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tributary.command.config.Aggregates;
import org.tributary.domain.project.Project;
import org.tributary.domain.project.api.DataLayerCreated;
import org.tributary.domain.project.api.NodeCreated;
import org.tributary.domain.project.api.NodeMoved;
import org.tributary.domain.project.api.ProjectCreated;
import org.tributary.domain.shared.ContainerSpec;
import org.tributary.domain.shared.DataLayerKind;
import org.tributary.domain.shared.NodeKind;
import org.tributary.testsupport.TestDatabase;
import org.tributary.testsupport.TestEventStore;
import org.tributary.testsupport.TestS3;
import org.tributary.testsupport.TestTokens;

import java.util.function.Function;

/**
 * Loading a project with a long history after a restart: {@code events} events (default 100,000) of one project are
 * written to the event store as command-service writes them (a graph, then node moves). command-service starts and
 * loads the project (as every request to it does) three times: the first load of its history (no snapshot yet; the
 * load leaves one, every {@code tributary.snapshots.project-every} events), the same project again in the same
 * process (its cache), and, after a restart of command-service, from its snapshot. Prints each load's time, and the
 * same first load with snapshots switched off for comparison. Run with bench/project-load/run.sh; not a test.
 */
final class ProjectLoadBench {

    static final long PROJECT = 10;

    private ProjectLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        TestDatabase database = TestDatabase.create("project_load");
        TestEventStore store = TestEventStore.create(database);
        try (TestEventStore.Bulk bulk = store.bulk(); TestS3 s3 = TestS3.start()) {
            String id = Long.toString(PROJECT);
            bulk.add("Project", id, 0, new ProjectCreated(PROJECT, "long history", null));
            bulk.add("Project", id, 1, new DataLayerCreated(PROJECT, 11, "main", DataLayerKind.SHARED));
            bulk.add("Project", id, 2, new NodeCreated(PROJECT, 12, "train", NodeKind.COMPUTE,
                    ContainerSpec.of("python:3.12-slim", "python run.py"), 0, 0, null));
            for (int n = 3; n < events; n++) {
                bulk.add("Project", id, n, new NodeMoved(PROJECT, 12, n % 1000, n % 700));
            }
            bulk.head();

            try (ConfigurableApplicationContext command = start(database, s3, "--tributary.snapshots.project-every="
                    + Integer.MAX_VALUE)) {
                System.out.printf("project load: %d events, snapshots off: first load %.1f ms%n", events,
                        load(command));
            }
            double first;
            double cached;
            try (ConfigurableApplicationContext command = start(database, s3)) {
                first = load(command);
                cached = load(command);
            }
            double fromSnapshot;
            double again;
            try (ConfigurableApplicationContext command = start(database, s3)) {
                fromSnapshot = load(command);
                again = load(command);
            }
            System.out.printf("project load: %d events, snapshots on: first load %.1f ms (leaves a snapshot), "
                    + "again %.2f ms (cache); after a restart %.1f ms (from the snapshot; goal: milliseconds), "
                    + "again %.2f ms%n", events, first, cached, fromSnapshot, again);
        }
        System.exit(0);
    }

    /** Loads the project as a request does (its version tells that the whole history was read); answers ms. */
    private static double load(ConfigurableApplicationContext command) {
        Aggregates aggregates = command.getBean(Aggregates.class);
        long start = System.nanoTime();
        Project project = aggregates.ask(Project.class, "project_id", PROJECT, Function.identity());
        double ms = (System.nanoTime() - start) / 1e6;
        if (project == null) {
            throw new IllegalStateException("project " + PROJECT + " was not loaded");
        }
        return ms;
    }

    private static ConfigurableApplicationContext start(TestDatabase database, TestS3 s3, String... extra) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--tributary.s3.endpoint=" + s3.endpoint(),
                "--tributary.s3.access-key=" + TestS3.ACCESS_KEY,
                "--tributary.s3.secret-key=" + TestS3.SECRET_KEY,
                "--tributary.security.oidc.jwk-set-uri=" + TestTokens.shared().jwkSetUri(),
                "--tributary.secrets.key=" + java.util.Base64.getEncoder().encodeToString(new byte[32]),
                "--tributary.security.admin.password=project load bench"));
        args.addAll(java.util.List.of(extra));
        return new SpringApplicationBuilder(CommandServiceApplication.class)
                .properties("spring.config.name=command-service").run(args.toArray(String[]::new));
    }
}
