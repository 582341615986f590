package org.tributary.executor.backend.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import org.junit.jupiter.api.Test;
import org.tributary.executor.backend.kubernetes.PodStates.Exited;
import org.tributary.executor.backend.kubernetes.PodStates.Failed;
import org.tributary.executor.backend.kubernetes.PodStates.Running;
import org.tributary.executor.backend.kubernetes.PodStates.Waiting;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PodStatesTest {

    static final Instant STARTED = Instant.parse("2026-12-02T10:00:00Z");
    static final Duration GRACE = Duration.ofMinutes(2);
    static final String DIGEST = "docker.io/library/python@sha256:" + "a".repeat(64);

    @Test
    void aJobWithoutAPodYetWaits() {
        assertThat(PodStates.of(job(), null, STARTED, GRACE)).isInstanceOf(Waiting.class);
    }

    @Test
    void anUnschedulablePodWaitsWithTheSchedulersMessage() {
        Pod pod = pod("Pending").editStatus().addToConditions(new PodConditionBuilder().withType("PodScheduled")
                .withStatus("False").withReason("Unschedulable")
                .withMessage("0/3 nodes are available: 3 Insufficient nvidia.com/gpu.").build()).endStatus().build();

        assertThat(PodStates.of(job(), pod, STARTED, GRACE))
                .isEqualTo(new Waiting("not scheduled: 0/3 nodes are available: 3 Insufficient nvidia.com/gpu."));
    }

    @Test
    void aRunningContainerIsStartedWithTheDigestOfItsImage() {
        Pod pod = withMain(pod("Running"), new ContainerStatusBuilder().withName("job").withImage("python:3.12")
                .withImageID("docker-pullable://" + DIGEST).withNewState().withNewRunning()
                .withStartedAt("2026-12-02T10:00:05Z").endRunning().endState().build());

        assertThat(PodStates.of(job(), pod, STARTED, GRACE))
                .isEqualTo(new Running(Instant.parse("2026-12-02T10:00:05Z"), DIGEST));
    }

    @Test
    void aPullFailureWithinTheGraceWaits() {
        Pod pod = withMain(pod("Pending"), pulling("ErrImagePull"));

        assertThat(PodStates.of(job(), pod, STARTED.plusSeconds(60), GRACE)).isInstanceOf(Waiting.class);
    }

    @Test
    void aPullFailurePastTheGraceFailsAsImagePullFailedWithKubernetesMessage() {
        Pod pod = withMain(pod("Pending"), pulling("ImagePullBackOff"));

        PodStates.State state = PodStates.of(job(), pod, STARTED.plus(GRACE), GRACE);

        assertThat(state).isInstanceOf(Failed.class);
        assertThat(((Failed) state).error()).isEqualTo("ImagePullFailed");
        assertThat(((Failed) state).message()).contains("manifest unknown");
    }

    @Test
    void anInvalidImageNameFailsAtOnce() {
        Pod pod = withMain(pod("Pending"), pulling("InvalidImageName"));

        assertThat(PodStates.of(job(), pod, STARTED, GRACE)).extracting(s -> ((Failed) s).error())
                .isEqualTo("ImagePullFailed");
    }

    @Test
    void anEndedContainerReportsItsExitCodeAndReason() {
        Pod pod = withMain(pod("Failed"), ended(3, "Error"));

        assertThat(PodStates.of(job(), pod, STARTED, GRACE)).isEqualTo(new Exited(3, "Error", DIGEST));
    }

    @Test
    void aContainerKilledForItsMemoryFailsAsOutOfMemory() {
        Pod pod = withMain(pod("Failed"), ended(137, "OOMKilled"));

        assertThat(PodStates.of(job(), pod, STARTED, GRACE)).extracting(s -> ((Failed) s).error())
                .isEqualTo("OutOfMemory");
    }

    @Test
    void aJobPastItsDeadlineFailsAsTimeLimitExceeded() {
        Job job = new JobBuilder(job()).editSpec().withActiveDeadlineSeconds(600L).endSpec().withNewStatus()
                .addToConditions(new JobConditionBuilder().withType("Failed").withStatus("True")
                        .withReason("DeadlineExceeded").build()).endStatus().build();

        assertThat(PodStates.of(job, null, STARTED, GRACE)).isEqualTo(new Failed("TimeLimitExceeded",
                "the job ran longer than its time limit of 10 minutes and was stopped"));
    }

    @Test
    void aJobDeletedBySomeoneElseIsLost() {
        assertThat(PodStates.of(null, null, STARTED, GRACE)).extracting(s -> ((Failed) s).error()).isEqualTo("Lost");
    }

    @Test
    void anEvictedPodIsLost() {
        Pod pod = pod("Failed").editStatus().withReason("Evicted")
                .withMessage("The node was low on resource: memory.").endStatus().build();

        assertThat(PodStates.of(job(), pod, STARTED, GRACE)).extracting(s -> ((Failed) s).error()).isEqualTo("Lost");
    }

    @Test
    void aRunnerInitContainerThatFailsFailsTheJobAsRunnerFailed() {
        Pod pod = pod("Failed").editStatus().addToInitContainerStatuses(new ContainerStatusBuilder()
                .withName("runner").withNewState().withNewTerminated().withExitCode(1).endTerminated().endState()
                .build()).endStatus().build();

        assertThat(PodStates.of(job(), pod, STARTED, GRACE)).extracting(s -> ((Failed) s).error())
                .isEqualTo("RunnerFailed");
    }

    @Test
    void aSecretNotMadeYetIsWaitedForWithinTheGrace() {
        Pod pod = withMain(pod("Pending"), new ContainerStatusBuilder().withName("job").withNewState()
                .withNewWaiting().withReason("CreateContainerConfigError")
                .withMessage("secret \"tributary-job-7-token\" not found").endWaiting().endState().build());

        assertThat(PodStates.of(job(), pod, STARTED, GRACE)).isEqualTo(
                new Waiting("its container waits for its configuration: secret \"tributary-job-7-token\" not found"));
    }

    @Test
    void aMissingSecretOrConfigPastTheGraceFailsAsRunnerFailed() {
        Pod pod = withMain(pod("Pending"), new ContainerStatusBuilder().withName("job").withNewState()
                .withNewWaiting().withReason("CreateContainerConfigError")
                .withMessage("secret \"tributary-job-7-token\" not found").endWaiting().endState().build());

        assertThat(PodStates.of(job(), pod, STARTED.plus(GRACE), GRACE)).extracting(s -> ((Failed) s).error())
                .isEqualTo("RunnerFailed");
    }

    @Test
    void aContainerBeingCreatedWaits() {
        Pod pod = withMain(pod("Pending"), new ContainerStatusBuilder().withName("job").withNewState()
                .withNewWaiting().withReason("ContainerCreating").endWaiting().endState().build());

        assertThat(PodStates.of(job(), pod, STARTED, GRACE)).isInstanceOf(Waiting.class);
    }

    @Test
    void theDigestIsTheImageIdWithoutItsScheme() {
        assertThat(PodStates.digest(new ContainerStatusBuilder().withImageID("docker-pullable://" + DIGEST).build()))
                .isEqualTo(DIGEST);
        assertThat(PodStates.digest(new ContainerStatusBuilder().withImageID(DIGEST).build())).isEqualTo(DIGEST);
        assertThat(PodStates.digest(new ContainerStatusBuilder().build())).isNull();
    }

    private static Job job() {
        return new JobBuilder().withNewMetadata().withName("tributary-job-7").endMetadata().withNewSpec()
                .endSpec().build();
    }

    private static PodBuilder pod(String phase) {
        return new PodBuilder().withNewMetadata().withName("tributary-job-7-abcde")
                .withCreationTimestamp(STARTED.toString()).endMetadata()
                .withNewStatus().withPhase(phase).withStartTime(STARTED.toString()).endStatus();
    }

    private static Pod withMain(PodBuilder pod, ContainerStatus status) {
        return pod.editStatus().addToContainerStatuses(status).endStatus().build();
    }

    private static ContainerStatus pulling(String reason) {
        return new ContainerStatusBuilder().withName("job").withImage("python:9.99").withNewState().withNewWaiting()
                .withReason(reason).withMessage("manifest unknown: python:9.99").endWaiting().endState().build();
    }

    private static ContainerStatus ended(int code, String reason) {
        return new ContainerStatusBuilder().withName("job").withImageID(DIGEST).withNewState().withNewTerminated()
                .withExitCode(code).withReason(reason).endTerminated().endState().build();
    }
}
