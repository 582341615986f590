package org.tributary.command;

import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A job nobody claims ends as Unclaimed; a job its executor hears nothing from ends as Dead. In a context of its own,
 * closed after this class: its timer ends every job unclaimed for 10 s, and in the context the other classes share
 * that would append events in the middle of tests that count the store's events (it did, in CI).
 */
@TestPropertySource(properties = {"tributary.jobs.unclaimed-after=PT10S", "tributary.jobs.unclaimed-check=PT1S"})
@DirtiesContext
class JobWatchTest extends CommandServiceTestBase {

    @Test
    void aJobNoExecutorClaimsEndsAsUnclaimedAndAClaimedOneIsLeftAlone() {
        long executor = executor("never-claims");
        long unclaimed = jobAtANewNode(executor, "unclaimed");
        long claimed = jobAtANewNode(executor, "claimed");
        assertThat(call("POST", "/api/executors/" + executor + "/jobs/" + claimed + "/claim", null).status())
                .isEqualTo(200);

        // a job unclaimed for 10 s ends (this class's properties)
        await().atMost(Duration.ofSeconds(40)).until(() -> eventTypes(unclaimed).contains("JobFailed"));
        assertThat(jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE "
                + "aggregateidentifier = ? AND payloadtype LIKE '%.JobFailed'", String.class, Long.toString(unclaimed)))
                .contains("\"error\":\"Unclaimed\"");
        assertThat(eventTypes(claimed)).containsExactly("JobCreated", "JobDispatched", "JobClaimed");
    }

    @Test
    void theExecutorDeclaresASilentJobDead() {
        long executor = executor("watchdog");
        long job = jobAtANewNode(executor, "silent");
        String base = "/api/executors/" + executor + "/jobs/" + job;
        assertThat(call("POST", base + "/claim", null).status()).isEqualTo(200);
        Map<String, Object> waiting = Map.of("reason", "not scheduled: 0/3 nodes are available");
        assertThat(call("POST", base + "/waiting", waiting).status()).isEqualTo(200);
        assertThat(call("POST", base + "/waiting", waiting).status()).isEqualTo(200);
        assertThat(call("POST", base + "/waiting", Map.of("reason", " ")).status()).isEqualTo(400);
        assertThat(eventTypes(job)).containsOnlyOnce("JobWaiting");
        assertThat(call("POST", base + "/status", Map.of("status", "Started")).status()).isEqualTo(200);

        Map<String, Object> dead = Map.of("message", "no heartbeat for 5 minutes");
        assertThat(call("POST", base + "/dead", dead).status()).isEqualTo(200);
        assertThat(call("POST", base + "/dead", dead).status()).isEqualTo(200);
        long other = executor("other watchdog");
        assertThat(call("POST", "/api/executors/" + other + "/jobs/" + job + "/dead", dead).status())
                .isEqualTo(409);
        assertThat(eventTypes(job)).endsWith("JobDied");
    }
}
