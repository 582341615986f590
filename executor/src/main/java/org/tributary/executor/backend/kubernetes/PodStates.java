package org.tributary.executor.backend.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the Kubernetes state of one job means for the job: a pure function of the Job, its pod and the time, with no
 * client in it, so that each case is a plain unit test. The backend turns the answer into reports; the runner's own
 * reports (Started, the final report) come through the executor API and win where both say the same.
 */
public final class PodStates {

    /** Pull failures that another try may cure; the others fail the job at once. */
    private static final Set<String> PULL_RETRYING = Set.of("ErrImagePull", "ImagePullBackOff");
    private static final Set<String> PULL_HOPELESS = Set.of("InvalidImageName", "ErrImageNeverPull");

    private PodStates() {
    }

    /** What the job's Kubernetes objects say. */
    public sealed interface State {
    }

    /** Not running yet; {@code message} says why when Kubernetes says (the scheduler's reason, a pull in progress). */
    public record Waiting(String message) implements State {
    }

    /** The job's container runs. */
    public record Running(Instant startedAt, String imageDigest) implements State {
    }

    /** The job's container ended; without the runner's final report that is {@code RunnerFailed}. */
    public record Exited(int exitCode, String reason, String imageDigest) implements State {
    }

    /** The job cannot run or was stopped: it ends with this error. */
    public record Failed(String error, String message) implements State {
    }

    /**
     * @param job       the Kubernetes Job, or null when it is gone
     * @param pod       its pod (the newest), or null when there is none yet
     * @param now       the time of the observation
     * @param pullGrace how long an image may fail to pull before the job fails
     */
    public static State of(Job job, Pod pod, Instant now, Duration pullGrace) {
        if (job == null) {
            return new Failed("Lost", "its Kubernetes Job was deleted before the job ended");
        }
        Optional<JobCondition> failed = condition(job, "Failed");
        if (failed.isPresent() && "DeadlineExceeded".equals(failed.get().getReason())) {
            Long seconds = job.getSpec() == null ? null : job.getSpec().getActiveDeadlineSeconds();
            return new Failed("TimeLimitExceeded", "the job ran longer than its time limit"
                    + (seconds == null ? "" : " of " + seconds / 60 + " minutes") + " and was stopped");
        }
        if (pod == null) {
            return new Waiting(failed.map(c -> "its Kubernetes Job failed: " + c.getMessage())
                    .orElse("waiting for Kubernetes to create its pod"));
        }
        if (pod.getStatus() == null) {
            return new Waiting("waiting for its pod to be scheduled");
        }
        if ("DeadlineExceeded".equals(pod.getStatus().getReason())) {
            return new Failed("TimeLimitExceeded", "the job ran longer than its time limit and was stopped");
        }
        if ("Evicted".equals(pod.getStatus().getReason())) {
            return new Failed("Lost", "its pod was evicted: " + pod.getStatus().getMessage());
        }
        Optional<State> init = initContainer(pod, now, pullGrace);
        if (init.isPresent()) {
            return init.get();
        }
        Optional<ContainerStatus> main = status(pod.getStatus().getContainerStatuses(), JobManifests.JOB_CONTAINER);
        if (main.isPresent() && main.get().getState() != null) {
            ContainerStatus status = main.get();
            ContainerStateTerminated ended = status.getState().getTerminated();
            if (ended != null) {
                return exited(ended, status);
            }
            if (status.getState().getRunning() != null) {
                return new Running(instant(status.getState().getRunning().getStartedAt(), now), digest(status));
            }
            ContainerStateWaiting waiting = status.getState().getWaiting();
            if (waiting != null) {
                return waiting(waiting, status.getImage(), pod, now, pullGrace);
            }
        }
        return unscheduled(pod).orElse(new Waiting("its pod is " + pod.getStatus().getPhase()));
    }

    private static State exited(ContainerStateTerminated ended, ContainerStatus status) {
        int code = ended.getExitCode() == null ? -1 : ended.getExitCode();
        if ("OOMKilled".equals(ended.getReason())) {
            return new Failed("OutOfMemory", "the job's container used more than its memory limit and was killed "
                    + "(exit code " + code + ")");
        }
        return new Exited(code, ended.getReason(), digest(status));
    }

    private static Optional<State> initContainer(Pod pod, Instant now, Duration pullGrace) {
        for (ContainerStatus status : list(pod.getStatus().getInitContainerStatuses())) {
            if (status.getState() == null) {
                continue;
            }
            ContainerStateTerminated ended = status.getState().getTerminated();
            if (ended != null && ended.getExitCode() != null && ended.getExitCode() != 0) {
                return Optional.of(new Failed("RunnerFailed", "the init container " + status.getName()
                        + " that installs the job runner failed with exit code " + ended.getExitCode()
                        + (ended.getMessage() == null ? "" : ": " + ended.getMessage())));
            }
            ContainerStateWaiting waiting = status.getState().getWaiting();
            if (waiting != null && isPullFailure(waiting.getReason())) {
                return Optional.of(waiting(waiting, status.getImage(), pod, now, pullGrace));
            }
        }
        return Optional.empty();
    }

    /** Since when the pod has tried to start: its start time, else its creation. */
    private static Instant since(Pod pod, Instant now) {
        return instant(pod.getStatus().getStartTime(),
                instant(pod.getMetadata() == null ? null : pod.getMetadata().getCreationTimestamp(), now));
    }

    private static State waiting(ContainerStateWaiting waiting, String image, Pod pod, Instant now,
                                 Duration pullGrace) {
        String reason = waiting.getReason();
        String message = waiting.getMessage() == null ? reason : waiting.getMessage();
        if (PULL_HOPELESS.contains(reason)) {
            return new Failed("ImagePullFailed", "image " + image + " cannot be pulled: " + message);
        }
        if (PULL_RETRYING.contains(reason)) {
            if (!now.isBefore(since(pod, now).plus(pullGrace))) {
                return new Failed("ImagePullFailed", "image " + image + " could not be pulled for "
                        + pullGrace.toSeconds() + " s: " + message);
            }
            return new Waiting("pulling image " + image + ": " + message);
        }
        if ("CreateContainerConfigError".equals(reason) || "CreateContainerError".equals(reason)) {
            // the job's Secret is made just after its Job: a moment without it is expected, and Kubernetes retries
            if (now.isBefore(since(pod, now).plus(pullGrace))) {
                return new Waiting("its container waits for its configuration: " + message);
            }
            return new Failed("RunnerFailed", "Kubernetes cannot create the job's container: " + message);
        }
        return new Waiting(reason == null ? "its container is waiting" : "its container is waiting: " + message);
    }

    /** The scheduler's reason when the pod cannot be placed (no node with the GPUs or memory it asks for). */
    private static Optional<State> unscheduled(Pod pod) {
        for (PodCondition condition : list(pod.getStatus().getConditions())) {
            if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())) {
                return Optional.of(new Waiting("not scheduled"
                        + (condition.getMessage() == null ? "" : ": " + condition.getMessage())));
            }
        }
        return Optional.empty();
    }

    private static boolean isPullFailure(String reason) {
        return PULL_RETRYING.contains(reason) || PULL_HOPELESS.contains(reason);
    }

    /** The image the container ran, by digest: {@code imageID} without the runtime's scheme. */
    static String digest(ContainerStatus status) {
        String id = status.getImageID();
        if (id == null || id.isBlank()) {
            return null;
        }
        int scheme = id.indexOf("://");
        return scheme >= 0 ? id.substring(scheme + 3) : id;
    }

    private static Optional<JobCondition> condition(Job job, String type) {
        if (job.getStatus() == null) {
            return Optional.empty();
        }
        return list(job.getStatus().getConditions()).stream()
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
    }

    private static Optional<ContainerStatus> status(List<ContainerStatus> statuses, String name) {
        return list(statuses).stream().filter(s -> name.equals(s.getName())).findFirst();
    }

    private static Instant instant(String timestamp, Instant otherwise) {
        if (timestamp == null) {
            return otherwise;
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return otherwise;
        }
    }

    private static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }
}
