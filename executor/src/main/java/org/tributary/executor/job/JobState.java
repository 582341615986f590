package org.tributary.executor.job;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

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
    LOST,
    /** A user cancelled it; its process or pod was stopped. */
    CANCELLED;

    /** The states of a job this executor has not finished with: the partial index {@code job_unfinished} too. */
    public static final Set<JobState> UNFINISHED = EnumSet.of(RECEIVED, QUEUED, STARTED, DOWNLOADED);
    /** A job whose runner runs (and sends heartbeats). */
    public static final Set<JobState> RUNNING = EnumSet.of(STARTED, DOWNLOADED);

    public boolean isFinished() {
        return !UNFINISHED.contains(this);
    }

    /** {@code ('received', 'queued')}: the states as an SQL list, for the queries that select by state. */
    public static String sqlList(Set<JobState> states) {
        if (states.isEmpty()) {
            throw new IllegalArgumentException("no state");
        }
        return states.stream().map(s -> "'" + s.dbName() + "'").collect(Collectors.joining(", ", "(", ")"));
    }

    public static String sqlList(JobState... states) {
        return sqlList(states.length == 0 ? EnumSet.noneOf(JobState.class) : EnumSet.copyOf(Arrays.asList(states)));
    }

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobState fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
