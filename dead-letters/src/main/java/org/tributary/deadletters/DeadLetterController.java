package org.tributary.deadletters;

import org.tributary.access.Access;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.domain.shared.Conflict;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.NotFound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What an operator does with the events an event processor set aside: see them (each sequence is an aggregate; its
 * first letter is the event that failed, the others wait behind it), retry them all, or resolve one by dropping it,
 * after which the events behind it are handled. A service answers for its own processors (query-service for
 * {@code projections}, command-service for {@code routing}); another name is a 404.
 */
@RestController
@RequestMapping("/api/admin/dead_letters/{processor}")
@Access(Access.Rule.ADMIN)
public class DeadLetterController {

    static final int MAX_SEQUENCES_SHOWN = 100;
    private static final Pattern EVENT_ID = Pattern.compile("[0-9a-fA-F-]{1,64}");
    private static final Pattern PROCESSOR = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

    private final EventProcessingConfiguration processing;

    DeadLetterController(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Letter(String eventId, String eventType, String aggregateId, Long sequenceNumber, String causeType,
                  String causeMessage, Instant enqueuedAt, Instant lastTouched) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Sequence(String sequence, List<Letter> letters) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DeadLetters(String processingGroup, long total, long sequences, List<Sequence> items) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Outcome(long retried, long remaining) {
    }

    @GetMapping
    DeadLetters list(@PathVariable String processor) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processor);
        List<Sequence> items = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            if (items.size() == MAX_SEQUENCES_SHOWN) {
                break;
            }
            List<Letter> letters = new ArrayList<>();
            String id = null;
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                id = id == null ? sequenceOf(letter) : id;
                letters.add(view(letter));
            }
            items.add(new Sequence(id, letters));
        }
        return new DeadLetters(processor, queue.size(), queue.amountOfSequences(), items);
    }

    /** Each sequence once, oldest-touched first; one that fails again stays, with its new cause. */
    @PostMapping("/retry")
    synchronized Outcome retry(@PathVariable String processor) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processor);
        SequencedDeadLetterProcessor<EventMessage<?>> letters = processor(processor);
        long sequences = queue.amountOfSequences();
        long retried = 0;
        for (long i = 0; i < sequences; i++) {
            if (letters.processAny()) {
                retried++;
            }
        }
        return new Outcome(retried, queue.size());
    }

    /**
     * Resolves the event that holds its sequence back: it is dropped (the read model never takes it), and the
     * events that waited behind it are projected.
     */
    @DeleteMapping("/{eventId}")
    synchronized Outcome resolve(@PathVariable String processor, @PathVariable String eventId) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processor);
        if (!EVENT_ID.matcher(eventId).matches()) {
            throw new InvalidInput("event_id", "event_id must be an event identifier");
        }
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            boolean first = true;
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (letter.message().getIdentifier().equals(eventId)) {
                    if (!first) {
                        throw new Conflict("event_id", "event " + eventId + " waits behind an earlier one of its "
                                + "sequence; resolve that first");
                    }
                    String id = sequenceOf(letter);
                    queue.evict(letter);
                    long retried = queue.contains(id) && processor(processor).process(l -> id.equals(sequenceOf(l))) ? 1 : 0;
                    return new Outcome(retried, queue.size());
                }
                first = false;
            }
        }
        throw new NotFound("event_id", "no dead letter holds event " + eventId);
    }

    private static Letter view(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        String aggregate = message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        Long number = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
        return new Letter(message.getIdentifier(), message.getPayloadType().getSimpleName(), aggregate, number,
                letter.cause().map(c -> c.type()).orElse(null), letter.cause().map(c -> c.message()).orElse(null),
                letter.enqueuedAt(), letter.lastTouched());
    }

    private static String sequenceOf(DeadLetter<? extends EventMessage<?>> letter) {
        if (letter instanceof JdbcDeadLetter<?> jdbc) {
            return jdbc.getSequenceIdentifier();
        }
        return letter.message() instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier()
                : letter.message().getIdentifier();
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String processor) {
        return processing.deadLetterQueue(known(processor)).orElseThrow(() -> unknown(processor));
    }

    private SequencedDeadLetterProcessor<EventMessage<?>> processor(String processor) {
        return processing.sequencedDeadLetterProcessor(known(processor)).orElseThrow(() -> unknown(processor));
    }

    /** Only names of this service's processors reach Axon: the name came over the wire. */
    private String known(String processor) {
        if (!PROCESSOR.matcher(processor).matches() || processing.eventProcessor(processor).isEmpty()) {
            throw unknown(processor);
        }
        return processor;
    }

    private static NotFound unknown(String processor) {
        String shown = PROCESSOR.matcher(processor).matches() ? processor : "of that name";
        return new NotFound("processor", "this service keeps no dead letters for a processor " + shown);
    }
}
