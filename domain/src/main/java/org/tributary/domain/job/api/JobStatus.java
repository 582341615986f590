package org.tributary.domain.job.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.tributary.domain.shared.InvalidInput;

import java.util.EnumSet;
import java.util.Set;

/** A job's status and the state machine that orders them. */
public enum JobStatus {
    CREATED("Created"),
    DISPATCHED("Dispatched"),
    QUEUED("Queued"),
    STARTED("Started"),
    DOWNLOADED("Downloaded"),
    CALCULATED("Calculated"),
    UPLOADED("Uploaded"),
    PRODUCED("Produced"),
    PROCESSED("Processed"),
    ERROR("Error"),
    DEAD("Dead"),
    CANCELLED("Cancelled");

    private final String wireName;

    JobStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static JobStatus of(String value) {
        for (JobStatus s : values()) {
            if (s.wireName.equalsIgnoreCase(value)) {
                return s;
            }
        }
        throw new InvalidInput("status", "status '" + value + "' is not a job status");
    }

    public boolean isTerminal() {
        return this == PROCESSED || this == ERROR || this == DEAD || this == CANCELLED;
    }

    /**
     * The statuses this one may move to. The executor may miss a short-lived state (a pod that starts and ends
     * between two observations), so its reports may skip forward, never back. A user may cancel a job until its
     * script has ended (Calculated): from then on its outputs are on their way.
     */
    public Set<JobStatus> next() {
        return switch (this) {
            case CREATED -> EnumSet.of(DISPATCHED, ERROR, CANCELLED);
            case DISPATCHED -> EnumSet.of(QUEUED, STARTED, DOWNLOADED, CALCULATED, ERROR, DEAD, CANCELLED);
            case QUEUED -> EnumSet.of(STARTED, DOWNLOADED, CALCULATED, ERROR, DEAD, CANCELLED);
            case STARTED -> EnumSet.of(DOWNLOADED, CALCULATED, ERROR, DEAD, CANCELLED);
            case DOWNLOADED -> EnumSet.of(CALCULATED, ERROR, DEAD, CANCELLED);
            case CALCULATED -> EnumSet.of(UPLOADED, ERROR);
            case UPLOADED -> EnumSet.of(PRODUCED, ERROR);
            case PRODUCED -> EnumSet.of(PROCESSED, ERROR);
            case PROCESSED, ERROR, DEAD, CANCELLED -> EnumSet.noneOf(JobStatus.class);
        };
    }

    public boolean canMoveTo(JobStatus target) {
        return next().contains(target);
    }
}
