package org.tributary.query.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.tributary.domain.shared.Conflict;
import org.tributary.eventtail.EventTailProperties;
import org.tributary.query.QueryServiceApplication;
import org.tributary.query.shared.Projections;
import org.tributary.query.shared.ReadModelWrites;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Rebuilds the read model beside the live one: a second instance of this service's projections, without a web
 * server, fills schema {@code <schema>_rebuild} from the first event; once it has caught up with the event store,
 * the live processor pauses, the two schemas swap in one transaction, the old one is dropped, and the live processor
 * goes on from where the rebuild got to. Queries answer from the live tables throughout.
 */
@Component
public class Rebuilds {

    private static final Logger log = LoggerFactory.getLogger(Rebuilds.class);

    public enum State { IDLE, REBUILDING, SWITCHING, DONE, FAILED }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Progress(String processor, State state, Long position, long head, Instant startedAt,
                           Instant finishedAt, String error) {
    }

    private final ConfigurableEnvironment environment;
    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final EventTailProperties tail;
    private final String schema;

    private volatile State state = State.IDLE;
    private volatile ConfigurableApplicationContext rebuild;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile String error;
    private volatile Long lastPosition;
    private volatile Thread worker;

    public Rebuilds(ConfigurableEnvironment environment, EventProcessingConfiguration processing, JdbcTemplate jdbc,
                    TransactionTemplate transactions, EventTailProperties tail) {
        this.environment = environment;
        this.processing = processing;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.tail = tail;
        this.schema = environment.getProperty("spring.datasource.hikari.schema", "query");
    }

    String rebuildSchema() {
        return schema + "_rebuild";
    }

    /** Starts a rebuild; 409 while one is under way. */
    public synchronized Progress start() {
        if (state == State.REBUILDING || state == State.SWITCHING) {
            throw new Conflict("replay", "a replay is under way: " + progress().state());
        }
        state = State.REBUILDING;
        startedAt = Instant.now();
        finishedAt = null;
        error = null;
        lastPosition = null;
        Thread thread = new Thread(this::run, "read-model-rebuild");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
        return progress();
    }

    public Progress progress() {
        Long position = lastPosition;
        ConfigurableApplicationContext context = rebuild;
        if (context != null && context.isActive()) {
            position = position(context);
        }
        return new Progress(Projections.GROUP, state, position, head(), startedAt, finishedAt, error);
    }

    private void run() {
        try {
            jdbc.execute("DROP SCHEMA IF EXISTS " + rebuildSchema() + " CASCADE");
            List<String> indexes = RebuildSchema.migrateWithoutIndexes(jdbc, rebuildSchema(),
                    environment.getProperty("spring.flyway.locations", "classpath:db/query"));
            rebuild = start(rebuildSchema());
            while (true) {
                long head = head();
                if (caughtUp(rebuild, head)) {
                    break;
                }
                failIfStuck(rebuild);
                lastPosition = position(rebuild);
                Thread.sleep(200);
            }
            // the processor goes on following new events meanwhile
            long indexing = System.nanoTime();
            RebuildSchema.buildIndexes(jdbc, indexes);
            log.info("rebuild: {} indexes built in {} ms", indexes.size(), (System.nanoTime() - indexing) / 1_000_000);
            state = State.SWITCHING;
            lastPosition = position(rebuild);
            // the processor stops after its batch; its token is ahead of its writes until the writer is done
            processor(rebuild).shutDown();
            rebuild.getBean(ReadModelWrites.class).awaitWritten();
            rebuild.close();
            rebuild = null;
            swap();
            state = State.DONE;
            log.info("read model rebuilt up to event {} and switched", lastPosition);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            finishedAt = Instant.now();
        }
    }

    private void fail(Exception e) {
        log.error("the read model rebuild failed; the live read model is unchanged", e);
        error = e.getMessage();
        state = State.FAILED;
        ConfigurableApplicationContext context = rebuild;
        rebuild = null;
        if (context != null) {
            context.close();
        }
        try {
            jdbc.execute("DROP SCHEMA IF EXISTS " + rebuildSchema() + " CASCADE");
        } catch (RuntimeException cleanup) {
            e.addSuppressed(cleanup);
        }
    }

    /** Live processor paused, schemas swapped in one transaction, the live processor goes on from the rebuild. */
    private void swap() {
        TrackingEventProcessor live = liveProcessor();
        live.shutDown();
        try {
            String replaced = schema + "_replaced";
            transactions.executeWithoutResult(status -> {
                jdbc.execute("DROP SCHEMA IF EXISTS " + replaced + " CASCADE");
                jdbc.execute("ALTER SCHEMA " + schema + " RENAME TO " + replaced);
                jdbc.execute("ALTER SCHEMA " + rebuildSchema() + " RENAME TO " + schema);
                jdbc.execute("DROP SCHEMA " + replaced + " CASCADE");
            });
        } finally {
            live.start();
        }
    }

    private TrackingEventProcessor liveProcessor() {
        return processing.eventProcessor(Projections.GROUP, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no tracking processor " + Projections.GROUP));
    }

    private long head() {
        Long head = jdbc.queryForObject("SELECT coalesce(max(globalindex), -1) FROM " + tail.schema()
                + ".domainevententry", Long.class);
        return head == null ? -1 : head;
    }

    private static boolean caughtUp(ConfigurableApplicationContext context, long head) {
        Map<Integer, EventTrackerStatus> status = processor(context).processingStatus();
        if (status.isEmpty()) {
            return false;
        }
        for (EventTrackerStatus segment : status.values()) {
            OptionalLong position = segment.getCurrentPosition();
            if (segment.isErrorState() || !segment.isCaughtUp()
                    || (head >= 0 && (position.isEmpty() || position.getAsLong() < head))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A rebuild writes each batch whole or not at all: a batch that failed would fail again, so the rebuild stops
     * with its error instead of retrying forever.
     */
    private static void failIfStuck(ConfigurableApplicationContext context) {
        for (EventTrackerStatus segment : processor(context).processingStatus().values()) {
            if (segment.isErrorState()) {
                Throwable cause = segment.getError();
                throw new IllegalStateException("the rebuild could not write a batch of events: "
                        + (cause == null ? "unknown error" : cause.getMessage()), cause);
            }
        }
    }

    private static Long position(ConfigurableApplicationContext context) {
        try {
            return processor(context).processingStatus().values().stream()
                    .map(EventTrackerStatus::getCurrentPosition).filter(OptionalLong::isPresent)
                    .map(OptionalLong::getAsLong).min(Long::compare).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static TrackingEventProcessor processor(ConfigurableApplicationContext context) {
        return context.getBean(EventProcessingConfiguration.class)
                .eventProcessor(Projections.GROUP, TrackingEventProcessor.class).orElseThrow();
    }

    /** This service once more, projections only, on its own schema and connection pool. */
    private ConfigurableApplicationContext start(String target) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (var source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if ((name.startsWith("spring.datasource.") || name.startsWith("tributary.")
                            || name.startsWith("axon.")) && !properties.containsKey(name)) {
                        properties.put(name, environment.getProperty(name));
                    }
                }
            }
        }
        properties.put("spring.datasource.hikari.schema", target);
        properties.put("spring.datasource.hikari.pool-name", "query-rebuild");
        properties.put("spring.datasource.hikari.maximum-pool-size", "3");
        properties.put("spring.flyway.schemas", target);
        properties.put("spring.flyway.default-schema", target);
        properties.put("spring.main.web-application-type", "none");
        // from the first event in big transactions, the writes of each in batches (docs/decisions/0021)
        properties.put(ReadModelWrites.DEFERRED, "true");
        properties.put("axon.eventhandling.processors." + Projections.GROUP + ".batch-size", "1000");
        properties.put("spring.datasource.hikari.data-source-properties.reWriteBatchedInserts", "true");
        properties.put("spring.jmx.enabled", "false");
        List<String> args = new ArrayList<>();
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        return new SpringApplicationBuilder(QueryServiceApplication.class)
                .properties(QueryServiceApplication.CONFIG_NAME)
                .run(args.toArray(String[]::new));
    }

    @PreDestroy
    void stop() {
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
        }
        ConfigurableApplicationContext context = rebuild;
        if (context != null) {
            context.close();
        }
    }
}
