package org.tributary.command;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.tributary.domain.job.api.JobOutput;
import org.tributary.domain.job.api.JobProduced;
import org.tributary.testsupport.TestEventStore;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event routing cannot act on is set aside alone, with everything it did undone: here the outputs of a job that
 * was never created, whose packages and deliveries are all accepted before the last command of the event, marking
 * the job processed, fails.
 */
class RoutingFaultTest extends CommandServiceTestBase {

    static final String LETTERS = "/api/admin/dead_letters/routing";
    static final long GHOST_JOB = 9_000_001;

    @Test
    void an_event_whose_commands_are_refused_is_set_aside_with_nothing_it_did_written_and_packages_keep_flowing() {
        long executor = executor("routing-fault");
        Answer project = call("POST", "/api/projects", Map.of("name", "routing-fault", "executor_id", executor));
        long p = project.id();
        long layer = project.body().get("main_data_layer_id").asLong();
        Answer a = call("POST", "/api/projects/" + p + "/nodes", Map.of("label", "A",
                "container", Map.of("image", "busybox", "script", "true"), "version", project.version()));
        Answer b = call("POST", "/api/projects/" + p + "/nodes", Map.of("label", "B",
                "container", Map.of("image", "busybox", "script", "true"), "version", a.version()));
        assertThat(call("POST", "/api/projects/" + p + "/links", Map.of("from_node_id", a.id(),
                "to_node_id", b.id(), "type", "push", "version", b.version())).status()).isEqualTo(201);
        long eventsBefore = eventCount();

        TestEventStore events = TestEventStore.create(DB);
        String poison = events.append("Job", Long.toString(GHOST_JOB), produced(a.id(), layer, p, 9_000_101))
                .eventId();
        String behind = events.append("Job", Long.toString(GHOST_JOB), produced(a.id(), layer, p, 9_000_103))
                .eventId();

        // the queue counts a letter before its sequence is listed again (a sequence being worked on is not listed)
        JsonNode letters = await().atMost(Duration.ofSeconds(20)).until(() -> call("GET", LETTERS, null).body(),
                l -> l.path("total").asLong() == 2 && l.path("items").path(0).path("letters").size() == 2);
        JsonNode sequence = letters.get("items").get(0);
        assertThat(sequence.get("sequence").asText()).isEqualTo(Long.toString(GHOST_JOB));
        assertThat(sequence.get("letters").get(0).get("event_id").asText()).isEqualTo(poison);
        assertThat(sequence.get("letters").get(0).get("event_type").asText()).isEqualTo("JobProduced");
        // the job's own history cannot be replayed (it never was created): the failure itself, not Axon's wrapper
        assertThat(sequence.get("letters").get(0).get("cause_type").asText()).isEqualTo("java.lang.NullPointerException");
        assertThat(sequence.get("letters").get(1).get("event_id").asText()).isEqualTo(behind);

        // none of the commands the event sent before the refused one was written: no output, no delivery to B
        assertThat(eventCount()).isEqualTo(eventsBefore + 2);
        assertThat(eventTypes(9_000_101)).isEmpty();
        assertThat(eventTypes(9_000_102)).isEmpty();
        assertThat(eventTypes(9_000_103)).isEmpty();

        // every other package flows on
        Answer later = call("POST", "/api/projects/" + p + "/nodes/" + a.id() + "/packages?data_layer_id=" + layer,
                Map.of("label", "later"));
        assertThat(later.status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> jobAt(a.id()), id -> id != null);
        assertThat(jobAt(b.id())).isNull();

        // resolving the first lets the one behind it be tried; it fails the same way and stays, then is resolved
        JsonNode resolved = call("DELETE", LETTERS + "/" + poison, null).body();
        assertThat(resolved.get("remaining").asLong()).isEqualTo(1);
        JsonNode left = call("GET", LETTERS, null).body();
        assertThat(left.get("items").get(0).get("letters").get(0).get("event_id").asText()).isEqualTo(behind);
        assertThat(eventTypes(9_000_103)).isEmpty();
        assertThat(call("DELETE", LETTERS + "/" + behind, null).body().get("remaining").asLong()).isZero();
        assertThat(call("GET", LETTERS, null).body().get("total").asLong()).isZero();
    }

    @Test
    void only_this_services_processors_have_dead_letters() {
        Answer unknown = call("GET", "/api/admin/dead_letters/projections", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("field").asText()).isEqualTo("processor");
        assertThat(call("DELETE", LETTERS + "/not-an-id!", null).status()).isEqualTo(400);
        assertThat(call("DELETE", LETTERS + "/" + java.util.UUID.randomUUID(), null).status()).isEqualTo(404);
    }

    /** Two outputs at {@code node}: packages {@code first} and {@code first + 1}, each delivered along A → B. */
    private static JobProduced produced(long node, long layer, long project, long first) {
        return new JobProduced(GHOST_JOB, project, node, layer, List.of(), List.of(
                new JobOutput(first, "out-1", Map.of("x", 1), List.of()),
                new JobOutput(first + 1, "out-2", Map.of("x", 2), List.of())));
    }
}
