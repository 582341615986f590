package org.tributary.command;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An executor's claim can report the job queued in the same call; a claim's body is checked like any other. */
class JobClaimTest extends CommandServiceTestBase {

    @Test
    void aClaimThatSaysQueuedLeavesTheJobClaimedAndQueued() {
        long executor = executor("claims");
        long job = dispatchedJob(executor, "queued at once");
        String base = "/api/executors/" + executor + "/jobs/" + job;

        assertThat(call("POST", base + "/claim", Map.of("queued", true)).status()).isEqualTo(200);
        assertThat(call("POST", base + "/claim", Map.of("queued", true)).status()).isEqualTo(200);

        assertThat(eventTypes(job)).containsExactly("JobCreated", "JobDispatched", "JobClaimed", "JobStatusReported");
        assertThat(jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND sequencenumber = 3", String.class, Long.toString(job)))
                .contains("\"status\":\"Queued\"");
        assertThat(call("POST", base + "/status", Map.of("status", "Started")).status()).isEqualTo(200);
    }

    @Test
    void aClaimsQueuedMustBeABoolean() {
        long executor = executor("claims-bad");
        long job = dispatchedJob(executor, "bad claim");
        String base = "/api/executors/" + executor + "/jobs/" + job;

        Answer bad = call("POST", base + "/claim", Map.of("queued", "yes"));

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("field").asText()).isEqualTo("queued");
        assertThat(eventTypes(job)).containsExactly("JobCreated", "JobDispatched");
    }

    private long dispatchedJob(long executor, String name) {
        long job = jobAtANewNode(executor, name);
        await().atMost(Duration.ofSeconds(20)).until(() -> eventTypes(job).contains("JobDispatched"));
        return job;
    }
}
