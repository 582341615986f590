package org.tributary.standalone.infra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tributary.standalone.StandaloneSettings;
import org.tributary.standalone.StartThreads;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * PostgreSQL, the AMQP broker and S3: each the real one named by its environment variable, else an embedded one
 * with its data under the data directory. The result is the same variables a cluster's services get
 * ({@code TRIBUTARY_DB_URL}, {@code TRIBUTARY_AMQP_URL}, {@code TRIBUTARY_S3_*}), so that the services cannot tell.
 */
public final class Infrastructure implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);

    /** One started part: the variables that point at it, and how to stop it (nothing, for a real one). */
    public record Part(String name, Map<String, String> variables, AutoCloseable stop) {
    }

    private final Map<String, String> variables;
    private final List<Part> parts;

    private Infrastructure(Map<String, String> variables, List<Part> parts) {
        this.variables = Map.copyOf(variables);
        this.parts = parts;
    }

    /** Starts what is not given, all at once; on a failure stops what did start. */
    public static Infrastructure start(StandaloneSettings settings) {
        Path dataDir = settings.dataDir();
        // started in this order, stopped in reverse: the broker and S3 go before PostgreSQL
        ExecutorService threads = StartThreads.pool("tributary-infra", 3);
        List<CompletableFuture<Part>> starting = List.of(
                async(() -> settings.env("TRIBUTARY_DB_URL").isPresent() ? external("PostgreSQL")
                        : Embedded.postgres(dataDir.resolve("postgres")), threads),
                async(() -> settings.env("TRIBUTARY_S3_ENDPOINT").isPresent() ? external("S3")
                        : Embedded.s3(dataDir.resolve("s3")), threads),
                async(() -> settings.env("TRIBUTARY_AMQP_URL").isPresent() ? external("AMQP broker")
                        : Embedded.broker(dataDir.resolve("broker")), threads));
        threads.shutdown();
        List<Part> parts = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<Part> part : starting) {
            try {
                parts.add(part.join());
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        Map<String, String> variables = new HashMap<>();
        parts.forEach(part -> variables.putAll(part.variables()));
        Infrastructure infrastructure = new Infrastructure(variables, parts);
        if (failure != null) {
            infrastructure.close();
            throw failure;
        }
        return infrastructure;
    }

    /** {@code TRIBUTARY_*} variables pointing at the embedded parts (none for a real part: its own are kept). */
    public Map<String, String> variables() {
        return variables;
    }

    public List<String> embeddedParts() {
        return parts.stream().filter(p -> !p.variables().isEmpty()).map(Part::name).toList();
    }

    private static Part external(String name) {
        return new Part(name, Map.of(), () -> { });
    }

    private static CompletableFuture<Part> async(Supplier<Part> start, ExecutorService threads) {
        return CompletableFuture.supplyAsync(start, threads);
    }

    @Override
    public void close() {
        for (int i = parts.size() - 1; i >= 0; i--) {
            Part part = parts.get(i);
            try {
                part.stop().close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", part.name(), e.toString());
            }
        }
    }
}
