package org.tributary.executor.interactive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When an interactive job was last active, and whether it has been idle too long: pure, no I/O. Jupyter's
 * {@code GET <base>/api/status} answers {@code last_activity}, the last request, kernel message or terminal output it
 * saw; a Jupyter that cannot be asked (still starting, or hung) is taken to be as idle as the last answer said.
 */
public final class IdleClock {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IdleClock() {
    }

    /** {@code last_activity} of a Jupyter status answer; empty when the answer has none or is not one. */
    public static Optional<Instant> lastActivity(String statusJson) {
        if (statusJson == null) {
            return Optional.empty();
        }
        try {
            JsonNode value = JSON.readTree(statusJson).path("last_activity");
            if (!value.isTextual()) {
                return Optional.empty();
            }
            return Optional.of(OffsetDateTime.parse(value.asText()).toInstant());
        } catch (DateTimeParseException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    /**
     * How long the job has been idle: since its last activity, or since its Jupyter was opened when that is later
     * (a Jupyter that starts answers an old time for a brand-new server only in theory) or nothing is known.
     */
    public static Duration idleFor(Instant opened, Instant lastActivity, Instant now) {
        Instant since = lastActivity == null || lastActivity.isBefore(opened) ? opened : lastActivity;
        return since.isAfter(now) ? Duration.ZERO : Duration.between(since, now);
    }

    /** Whole minutes of idleness, at least one: what the job's cancel reason says. */
    public static long minutes(Duration idle) {
        return Math.max(1, idle.toMinutes());
    }
}
