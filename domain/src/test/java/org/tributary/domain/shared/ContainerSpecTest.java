package org.tributary.domain.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContainerSpecTest {

    private static final String DIGEST =
            "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static ContainerSpec image(String image) {
        return ContainerSpec.of(image, "true");
    }

    private static ContainerSpec memory(String memory) {
        return new ContainerSpec("alpine", "true", memory, 1, 0, null, 0, null, null, 0);
    }

    private static void refused(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alpine", "python:3.12-slim", "library/python:3", "team/sub_group/tool-x:v1.2.3",
            "registry.example.com/team/tool", "registry.example.com:5000/team/tool:latest", "localhost:5000/x",
            "ghcr.io/org/img@" + DIGEST, "img:tag@" + DIGEST, "a__b", "a.b-c", "[::1]:5000/x:1"})
    void acceptsImageReferences(String reference) {
        assertThat(image(reference).image()).isEqualTo(reference);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Python", "python:", ":3.12", "py thon", "-alpine", "alpine/", "team//tool",
            "alpine:-tag", "alpine@sha256:abc", "alpine:tag with space", "https://registry/x"})
    void rejectsMalformedImageReferences(String reference) {
        refused(() -> image(reference), "container.image");
    }

    @Test
    void tagHasAtMost128Characters() {
        assertThat(image("alpine:" + "t".repeat(128)).image()).endsWith("t");
        refused(() -> image("alpine:" + "t".repeat(129)), "container.image");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void requiresAnImage(String reference) {
        refused(() -> image(reference), "container.image");
    }

    @Test
    void rejectsImageReferenceLongerThan255Characters() {
        refused(() -> image("a".repeat(256)), "container.image");
    }

    @ParameterizedTest
    @ValueSource(strings = {"256M", "2Gi", "512Mi", "1e9", "1E6", "1.5Gi", ".5Gi", "1000", "128k", "1Ti", "0.5G"})
    void acceptsPositiveKubernetesQuantities(String quantity) {
        assertThat(memory(quantity).memory()).isEqualTo(quantity);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.0", "0Mi", "0.0Gi", "00k", "0e3", "-1Gi", "256MB", "256m", "Gi", "1.5 Gi", "abc",
            "1Gi ", "+1Gi"})
    void rejectsMemoryThatIsNotAPositiveQuantity(String quantity) {
        refused(() -> memory(quantity), "container.memory");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void missingMemoryTakesTheDefault(String quantity) {
        assertThat(memory(quantity).memory()).isEqualTo(ContainerSpec.DEFAULT_MEMORY);
    }

    @Test
    void needsAtLeastOneCore() {
        refused(() -> new ContainerSpec("alpine", "", null, 0, 0, null, 0, null, null, 0), "container.cores");
        assertThat(new ContainerSpec("alpine", "", null, 1, 0, null, 0, null, null, 0).cores()).isEqualTo(1);
    }

    @Test
    void rejectsNegativeGpus() {
        refused(() -> new ContainerSpec("alpine", "", null, 1, -1, null, 0, null, null, 0), "container.gpus");
    }

    @Test
    void gpusNeedAKind() {
        refused(() -> new ContainerSpec("alpine", "", null, 1, 1, null, 0, null, null, 0), "container.gpu_kind");
        assertThat(new ContainerSpec("alpine", "", null, 1, 2, GpuKind.AMD, 0, null, null, 0).gpuKind())
                .isEqualTo(GpuKind.AMD);
    }

    @Test
    void kindWithoutGpusIsDropped() {
        assertThat(new ContainerSpec("alpine", "", null, 1, 0, GpuKind.NVIDIA, 0, null, null, 0).gpuKind()).isNull();
    }

    @Test
    void gpuKindsKnowTheirKubernetesResource() {
        assertThat(GpuKind.of("nvidia").resourceName()).isEqualTo("nvidia.com/gpu");
        assertThat(GpuKind.of("AMD").resourceName()).isEqualTo("amd.com/gpu");
        refused(() -> GpuKind.of("intel"), "gpu_kind");
        refused(() -> GpuKind.of(null), "gpu_kind");
    }

    @Test
    void priorityDefaultsToNormal() {
        assertThat(image("alpine").priority()).isEqualTo(Priority.NORMAL);
        assertThat(new ContainerSpec("alpine", "", null, 1, 0, null, 0, null, null, 0).priority())
                .isEqualTo(Priority.NORMAL);
    }

    @Test
    void priorityHasThreeLevels() {
        assertThat(Priority.of("HIGH")).isEqualTo(Priority.HIGH);
        assertThat(Priority.of("low")).isEqualTo(Priority.LOW);
        refused(() -> Priority.of("urgent"), "container.priority");
    }

    @Test
    void pullPolicyUsesKubernetesNamesAndMayBeLeftToTheExecutor() {
        assertThat(PullPolicy.of("IfNotPresent")).isEqualTo(PullPolicy.IF_NOT_PRESENT);
        assertThat(PullPolicy.of("Always").wireName()).isEqualTo("Always");
        assertThat(PullPolicy.of("Never")).isEqualTo(PullPolicy.NEVER);
        refused(() -> PullPolicy.of("sometimes"), "container.image_pull_policy");
        refused(() -> PullPolicy.of("ifnotpresent"), "container.image_pull_policy");
        assertThat(image("alpine").imagePullPolicy()).isNull();
    }

    @Test
    void rejectsNegativeTimeLimitAndParallelJobs() {
        refused(() -> new ContainerSpec("alpine", "", null, 1, 0, null, -1, null, null, 0),
                "container.time_limit_minutes");
        refused(() -> new ContainerSpec("alpine", "", null, 1, 0, null, 0, null, null, -1), "container.parallel_jobs");
    }

    @Test
    void scriptMayBeMissingButNotHuge() {
        assertThat(ContainerSpec.of("alpine", null).script()).isEmpty();
        assertThat(ContainerSpec.of("alpine", "x".repeat(65536)).script()).hasSize(65536);
        refused(() -> ContainerSpec.of("alpine", "x".repeat(65537)), "container.script");
    }

    @Test
    void ofGivesDefaultsForEverythingButImageAndScript() {
        assertThat(ContainerSpec.of("alpine", "echo hi")).isEqualTo(
                new ContainerSpec("alpine", "echo hi", "512Mi", 1, 0, null, 0, Priority.NORMAL, null, 0));
    }
}
