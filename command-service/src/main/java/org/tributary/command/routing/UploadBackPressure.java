package org.tributary.command.routing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Keeps single uploads from running ahead of routing. An upload of one package waits, before the package is created,
 * while routing in this service has {@code limit} or more uploaded packages still to route (for at most
 * {@code maxWait}, then it goes ahead): under a storm of uploads the queue stays in front of the platform, where a
 * client waits for its answer, instead of growing between a package and its job, where every package waits behind
 * all the others (bench/hot-path/README.md, docs/decisions/0022). A client that uploads at the pace routing keeps
 * never waits. Waiting uploads go ahead in the order they came. The bulk upload does not wait: it is for imports,
 * taken as fast as they can be appended.
 * <p>
 * The count is a flow control, not a record: a package is counted when its upload is admitted and uncounted once
 * routing's transaction that took an uploaded package has committed (dead-lettered or not; a bulk upload's packages
 * uncount too, so under an import single uploads rarely wait); a refused upload gives its count back. Only a routing
 * processor running in this service is waited for: with routing on another instance uploads neither wait nor count.
 * After a restart the count starts at zero, and it never goes below zero.
 */
@Component
public class UploadBackPressure {

    /** How many uploaded packages routing may have still to route before the next upload waits. */
    public static final String LIMIT = "tributary.routing.max-unrouted-uploads";
    /** How long an upload waits at most before it goes ahead. */
    public static final String MAX_WAIT = "tributary.routing.max-upload-wait";

    /** The resource of routing's unit of work that counts the uploaded packages it took. */
    private static final String ROUTED_IN_BATCH = UploadBackPressure.class.getName() + ".routedInBatch";

    private final int limit;
    private final long maxWaitNanos;
    private final BooleanSupplier routingHere;
    private final Timer waits;
    private int unrouted;
    /** The uploads waiting, in the order they came. */
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();

    @Autowired
    UploadBackPressure(@Value("${" + LIMIT + ":6}") int limit, @Value("${" + MAX_WAIT + ":PT2S}") Duration maxWait,
                       ObjectProvider<EventProcessingConfiguration> processing, MeterRegistry registry) {
        this(limit, maxWait, routingClaimedHere(processing), registry);
    }

    UploadBackPressure(int limit, Duration maxWait, BooleanSupplier routingHere, MeterRegistry registry) {
        if (limit < 1) {
            throw new IllegalArgumentException(LIMIT + " must be at least 1, not " + limit);
        }
        this.limit = limit;
        this.maxWaitNanos = maxWait.toNanos();
        this.routingHere = routingHere;
        this.waits = Timer.builder("tributary.uploads.routing.wait")
                .description("how long uploads waited for routing to catch up").register(registry);
        Gauge.builder("tributary.uploads.unrouted", this, UploadBackPressure::unrouted)
                .description("uploaded packages routing has still to route").register(registry);
    }

    /** Admits an upload, waiting first while routing is behind; call {@link #refused} if no package is created. */
    public void admit() {
        if (!routingHere.getAsBoolean()) {
            // not counted either: only this service's routing uncounts, and a count kept meanwhile would make the
            // uploads wait for nothing once routing came here
            return;
        }
        long start = System.nanoTime();
        boolean waited = false;
        synchronized (this) {
            if (unrouted >= limit || !waiting.isEmpty()) {
                // in line behind those already waiting: the first to wait goes ahead first, so that no upload waits
                // round after round while later ones take the places routing frees
                waited = true;
                Object place = new Object();
                waiting.addLast(place);
                long deadline = start + maxWaitNanos;
                long left;
                while ((waiting.peekFirst() != place || unrouted >= limit)
                        && (left = deadline - System.nanoTime()) > 0) {
                    try {
                        wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                waiting.remove(place);
                // the next in line may go ahead too, when routing freed more than one place
                notifyAll();
            }
            unrouted++;
        }
        if (waited) {
            waits.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** The upload admitted created no package. */
    public void refused() {
        routed(1);
    }

    /**
     * Routing's transaction {@code batch} took an uploaded package: it is uncounted when the batch commits, with the
     * batch's other uploaded packages, so that the uploads waiting are woken once per batch, not once per package.
     */
    void routedWith(UnitOfWork<?> batch) {
        batch.getOrComputeResource(ROUTED_IN_BATCH, key -> {
            AtomicInteger routed = new AtomicInteger();
            batch.afterCommit(unit -> routed(routed.get()));
            return routed;
        }).incrementAndGet();
    }

    /** Routing's transaction that took this many uploaded packages has committed: those waiting are woken once. */
    synchronized void routed(int packages) {
        unrouted = Math.max(0, unrouted - packages);
        if (unrouted < limit) {
            notifyAll();
        }
    }

    synchronized int unrouted() {
        return unrouted;
    }

    synchronized int waitingUploads() {
        return waiting.size();
    }

    /** Whether this service's routing processor runs and has claimed its segment (the processor looked up once). */
    private static BooleanSupplier routingClaimedHere(ObjectProvider<EventProcessingConfiguration> processing) {
        AtomicReference<TrackingEventProcessor> found = new AtomicReference<>();
        return () -> {
            TrackingEventProcessor processor = found.get();
            if (processor == null) {
                EventProcessingConfiguration configuration = processing.getIfAvailable();
                processor = configuration == null ? null : configuration
                        .eventProcessor(RoutingPolicy.PROCESSOR, TrackingEventProcessor.class).orElse(null);
                if (processor == null) {
                    return false;
                }
                found.set(processor);
            }
            return processor.isRunning() && !processor.processingStatus().isEmpty();
        };
    }
}
