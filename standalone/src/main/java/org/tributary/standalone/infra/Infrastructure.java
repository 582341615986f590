package org.tributary.standalone.infra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tributary.standalone.StandaloneSettings;
import org.tributary.standalone.StartThreads;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * PostgreSQL, the AMQP broker and S3: each the real one named by its environment variable, else an embedded one
 * with its data under the data directory. Each is described by the variables a cluster's services get
 * ({@code TRIBUTARY_DB_URL}, {@code TRIBUTARY_AMQP_URL}, {@code TRIBUTARY_S3_*}), so that the services cannot tell.
 * The three start side by side, and each service waits only for the parts it uses.
 */
public final class Infrastructure implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);

    /** One started part: the variables that point at it, and how to stop it (nothing, for a real one). */
    public record Part(String name, Map<String, String> variables, AutoCloseable stop) {
    }

    private final CompletableFuture<Part> database;
    private final CompletableFuture<Part> objectStore;
    private final CompletableFuture<Part> broker;

    private Infrastructure(CompletableFuture<Part> database, CompletableFuture<Part> objectStore,
                           CompletableFuture<Part> broker) {
        this.database = database;
        this.objectStore = objectStore;
        this.broker = broker;
    }

    /** Starts what is not given, all at once, and returns at once. */
    public static Infrastructure start(StandaloneSettings settings) {
        Path dataDir = settings.dataDir();
        ExecutorService threads = StartThreads.pool("tributary-infra", 3);
        try {
            return new Infrastructure(
                    async(() -> settings.env("TRIBUTARY_DB_URL").isPresent() ? external("PostgreSQL")
                            : Embedded.postgres(dataDir.resolve("postgres")), threads),
                    async(() -> settings.env("TRIBUTARY_S3_ENDPOINT").isPresent() ? external("S3")
                            : Embedded.s3(dataDir.resolve("s3")), threads),
                    async(() -> settings.env("TRIBUTARY_AMQP_URL").isPresent() ? external("AMQP broker")
                            : Embedded.broker(dataDir.resolve("broker")), threads));
        } finally {
            threads.shutdown();
        }
    }

    /** The variables of PostgreSQL, once it runs. */
    public CompletableFuture<Map<String, String>> database() {
        return database.thenApply(Part::variables);
    }

    public CompletableFuture<Map<String, String>> objectStore() {
        return objectStore.thenApply(Part::variables);
    }

    public CompletableFuture<Map<String, String>> broker() {
        return broker.thenApply(Part::variables);
    }

    /** Waits for every part; throws the first failure, with the others suppressed. */
    public Map<String, String> variables() {
        Map<String, String> variables = new HashMap<>();
        RuntimeException failure = null;
        for (CompletableFuture<Part> part : List.of(database, objectStore, broker)) {
            try {
                variables.putAll(part.join().variables());
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
                        : new IllegalStateException(e.getCause());
                if (failure == null) {
                    failure = cause;
                } else if (cause != failure) {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return variables;
    }

    private static Part external(String name) {
        return new Part(name, Map.of(), () -> { });
    }

    private static CompletableFuture<Part> async(Supplier<Part> start, ExecutorService threads) {
        return CompletableFuture.supplyAsync(start, threads);
    }

    /** Waits for parts still starting, then stops the broker, S3 and PostgreSQL, in this order. */
    @Override
    public void close() {
        for (CompletableFuture<Part> future : List.of(broker, objectStore, database)) {
            Part part;
            try {
                part = future.join();
            } catch (CompletionException e) {
                continue;
            }
            try {
                part.stop().close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", part.name(), e.toString());
            }
        }
    }
}
