package org.tributary.command;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A job that ends in Error keeps what it left: its log and the files it uploaded, named in the failure. */
class JobFailureTest extends CommandServiceTestBase {

    @Test
    void aFailureKeepsTheJobsFilesAndARepeatMustBeIdentical() {
        long executor = executor("failures");
        long job = jobAtANewNode(executor, "failures");
        String base = "/api/executors/" + executor + "/jobs/" + job;
        assertThat(call("POST", base + "/claim", null).status()).isEqualTo(200);
        Map<String, Object> log = Map.of("name", job + ".log", "content_hash", "a".repeat(64), "size", 12,
                "type", "text/plain");
        Map<String, Object> failure = Map.of("error", "TimeLimitExceeded", "message", "stopped after 1 minute",
                "files", List.of(log));

        assertThat(call("POST", base + "/error", failure).status()).isEqualTo(200);
        assertThat(call("POST", base + "/error", failure).status()).isEqualTo(200);
        Answer other = call("POST", base + "/error", Map.of("error", "TimeLimitExceeded",
                "message", "stopped after 1 minute", "files", List.of()));
        assertThat(other.status()).isEqualTo(409);

        String failed = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND payloadtype LIKE '%.JobFailed'", String.class, Long.toString(job));
        assertThat(failed).contains("\"name\":\"" + job + ".log\"");
        Answer bad = call("POST", base + "/error", Map.of("error", "X", "files", List.of(Map.of("name", "../x",
                "content_hash", "a".repeat(64), "size", 1))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("field").asText()).startsWith("files[0]");
    }
}
