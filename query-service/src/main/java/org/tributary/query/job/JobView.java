package org.tributary.query.job;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.tributary.query.shared.ContainerView;
import org.tributary.query.shared.FieldValue;
import org.tributary.query.shared.FileView;

import java.time.Instant;
import java.util.List;

/**
 * A job as its node's history shows it.
 *
 * @param executorId the executor it was dispatched to (and that claimed it, once {@code claimedAt} is set)
 * @param history    each status the job reached, with the time of its event, oldest first
 * @param inputs     input package ids
 * @param fields     the parameter values snapshotted at creation
 * @param container  the container spec snapshotted at creation
 * @param outputs    ids of the packages it produced
 * @param files      the job's uploaded tree; {@code content} (a presigned URL) only in the single-job answer
 * @param log        {@code <id>.log} with a presigned URL, once uploaded, else {@code null}
 * @param waitingReason why a claimed job has not started yet (its executor's words), until it starts
 * @param restartOf     the job this one runs again (a user's restart), else {@code null}
 * @param secrets       the names of the project secrets granted to its node when it was created (never a value);
 *                      null for jobs older than that snapshot
 * @param interactivePath where the gateway serves the job's Jupyter ({@code /interactive/<id>/}) while an
 *                        interactive job runs and its executor has said where Jupyter listens, else {@code null}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JobView(long id, long nodeId, long dataLayerId, String status, Long executorId, Instant claimedAt,
                      boolean interactive, List<StatusEntry> history, List<Long> inputs, List<FieldValue> fields,
                      ContainerView container, List<Long> outputs, Integer exitCode, String error, String message,
                      String imageDigest, List<FileView> files, LogView log, Instant createdAt, Instant updatedAt,
                      String waitingReason, Long restartOf, List<String> secrets, String interactivePath) {

    JobView with(List<StatusEntry> history, List<FileView> files) {
        return new JobView(id, nodeId, dataLayerId, status, executorId, claimedAt, interactive, history, inputs,
                fields, container, outputs, exitCode, error, message, imageDigest, files, log, createdAt, updatedAt,
                waitingReason, restartOf, secrets, interactivePath);
    }

    /** The path of a running interactive job's Jupyter, once its executor said where it listens. */
    static String interactivePath(long id, String status, String interactiveUrl) {
        return interactiveUrl != null && JobQueries.JUPYTER_MAY_RUN.contains(status) ? "/interactive/" + id + "/" : null;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record StatusEntry(String status, Instant at) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record LogView(String name, String content) {
    }
}
