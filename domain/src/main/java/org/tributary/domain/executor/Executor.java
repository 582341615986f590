package org.tributary.domain.executor;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.tributary.domain.executor.api.AnnounceExecutor;
import org.tributary.domain.executor.api.ExecutorAnnounced;
import org.tributary.domain.executor.api.ExecutorCapabilities;
import org.tributary.domain.executor.api.ExecutorRegistered;
import org.tributary.domain.executor.api.RegisterExecutor;
import org.tributary.domain.shared.Check;
import org.tributary.domain.shared.Ids;
import org.tributary.domain.shared.InvalidInput;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** An executor: one per cluster or machine, runs only the jobs dispatched to it. */
public class Executor {

    // boxed: null until the creating event is applied, so Axon resolves the first event's aggregate id lazily;
    // a primitive would read 0 there and store the first event under aggregate "0"
    @AggregateIdentifier
    private Long executorId;
    private String apiUrl;
    private String readKey;

    Executor() {
        // sourced from events
    }

    @CommandHandler
    Executor(RegisterExecutor command, Ids ids) {
        String label = Check.notBlank("label", command.label(), 100).strip();
        ExecutorCapabilities capabilities = command.capabilities() == null
                ? ExecutorCapabilities.CPU_ONLY : command.capabilities();
        apply(new ExecutorRegistered(ids.orNext(command.executorId(), Ids.Kind.AGGREGATE), label, capabilities));
    }

    /** A repeated identical announcement changes nothing: an executor's call may be retried. */
    @CommandHandler
    void handle(AnnounceExecutor command) {
        String url = Check.httpUrl("api_url", command.apiUrl(), 2000).toString();
        String key = Check.notBlank("read_key", command.readKey(), 200);
        if (key.length() < 32) {
            throw new InvalidInput("read_key", "read_key must be at least 32 characters");
        }
        if (!url.equals(apiUrl) || !key.equals(readKey)) {
            apply(new ExecutorAnnounced(executorId, url, key));
        }
    }

    @EventSourcingHandler
    void on(ExecutorRegistered event) {
        executorId = event.executorId();
    }

    @EventSourcingHandler
    void on(ExecutorAnnounced event) {
        apiUrl = event.apiUrl();
        readKey = event.readKey();
    }
}
