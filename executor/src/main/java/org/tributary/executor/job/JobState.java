package org.tributary.executor.job;

import java.util.Locale;

/** Where a dispatched job is on this executor; stored lower-case in {@code executor.job.state}. */
public enum JobState {
    /** Stored from its dispatch message, not yet claimed. */
    RECEIVED,
    /** Claimed; waiting for a free slot of the backend. */
    QUEUED,
    /** Its runner process runs. */
    STARTED,
    /** The runner fetched its inputs. */
    DOWNLOADED,
    /** The final PUT arrived and command-service took the completion. */
    COMPLETED,
    /** Reported to command-service as an error. */
    FAILED,
    /** Another executor claimed it; never run here. */
    LOST;

    public boolean isFinished() {
        return this == COMPLETED || this == FAILED || this == LOST;
    }

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobState fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
