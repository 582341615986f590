package org.tributary.domain.executor;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tributary.domain.TakenIds;
import org.tributary.domain.executor.api.AnnounceExecutor;
import org.tributary.domain.executor.api.ExecutorAnnounced;
import org.tributary.domain.executor.api.ExecutorCapabilities;
import org.tributary.domain.executor.api.ExecutorRegistered;
import org.tributary.domain.executor.api.RegisterExecutor;
import org.tributary.domain.shared.GpuKind;
import org.tributary.domain.shared.Ids;
import org.tributary.domain.shared.InvalidInput;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tributary.domain.Refusals.refusal;

class ExecutorTest {

    private static final long EXECUTOR = 7;

    private FixtureConfiguration<Executor> fixture;
    private final TakenIds ids = new TakenIds(500);

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Executor.class);
        fixture.registerInjectableResource(ids);
    }

    @Test
    void registersExecutorWithItsCapabilities() {
        ExecutorCapabilities gpuCluster = new ExecutorCapabilities(Map.of("nvidia", 4), 10);
        fixture.givenNoPriorActivity()
                .when(new RegisterExecutor(EXECUTOR, " lab cluster ", gpuCluster))
                .expectEvents(new ExecutorRegistered(EXECUTOR, "lab cluster", gpuCluster));
    }

    @Test
    void aNewExecutorGetsAnIdOnceAccepted() {
        fixture.givenNoPriorActivity()
                .when(new RegisterExecutor(null, "laptop", null))
                .expectEvents(new ExecutorRegistered(500, "laptop", ExecutorCapabilities.CPU_ONLY));
        assertThat(ids.taken()).containsExactly(Ids.Kind.AGGREGATE);
    }

    @Test
    void aRefusedExecutorTakesNoId() {
        fixture.givenNoPriorActivity()
                .when(new RegisterExecutor(null, " ", null))
                .expectException(refusal(InvalidInput.class, "label"));
        assertThat(ids.taken()).isEmpty();
    }

    @Test
    void executorWithoutCapabilitiesOffersCpuOnly() {
        fixture.givenNoPriorActivity()
                .when(new RegisterExecutor(EXECUTOR, "laptop", null))
                .expectEvents(new ExecutorRegistered(EXECUTOR, "laptop", ExecutorCapabilities.CPU_ONLY));
    }

    @Test
    void rejectsBlankLabel() {
        fixture.givenNoPriorActivity()
                .when(new RegisterExecutor(EXECUTOR, " ", null))
                .expectException(refusal(InvalidInput.class, "label"))
                .expectNoEvents();
    }

    @Test
    void rejectsLabelLongerThan100Characters() {
        fixture.givenNoPriorActivity()
                .when(new RegisterExecutor(EXECUTOR, "e".repeat(101), null))
                .expectException(refusal(InvalidInput.class, "label"))
                .expectNoEvents();
    }

    @Test
    void capabilitiesUseTheWireNamesOfGpuKinds() {
        ExecutorCapabilities capabilities = new ExecutorCapabilities(Map.of("NVIDIA", 2, "Amd", 1), 0);

        assertThat(capabilities.gpus()).isEqualTo(Map.of("nvidia", 2, "amd", 1));
    }

    @Test
    void offersAJobNoMoreGpusThanItHas() {
        ExecutorCapabilities capabilities = new ExecutorCapabilities(Map.of("nvidia", 2), 0);

        assertThat(capabilities.offers(GpuKind.NVIDIA, 2)).isTrue();
        assertThat(capabilities.offers(GpuKind.NVIDIA, 3)).isFalse();
        assertThat(capabilities.offers(GpuKind.AMD, 1)).isFalse();
        assertThat(capabilities.offers(GpuKind.AMD, 0)).isTrue();
        assertThat(ExecutorCapabilities.CPU_ONLY.offers(GpuKind.NVIDIA, 1)).isFalse();
    }

    @Test
    void rejectsUnknownGpuKind() {
        assertThatThrownBy(() -> new ExecutorCapabilities(Map.of("tpu", 1), 0))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("capabilities.gpus"));
    }

    @Test
    void rejectsNegativeOrMissingGpuCount() {
        Map<String, Integer> missing = new HashMap<>();
        missing.put("amd", null);
        assertThatThrownBy(() -> new ExecutorCapabilities(Map.of("nvidia", -1), 0))
                .isInstanceOfSatisfying(InvalidInput.class,
                        e -> assertThat(e.field()).isEqualTo("capabilities.gpus.nvidia"));
        assertThatThrownBy(() -> new ExecutorCapabilities(missing, 0))
                .isInstanceOfSatisfying(InvalidInput.class,
                        e -> assertThat(e.field()).isEqualTo("capabilities.gpus.amd"));
    }

    @Test
    void rejectsNegativeMaxRunningJobs() {
        assertThatThrownBy(() -> new ExecutorCapabilities(Map.of(), -1))
                .isInstanceOfSatisfying(InvalidInput.class,
                        e -> assertThat(e.field()).isEqualTo("capabilities.max_running_jobs"));
    }

    private static final String KEY = "k".repeat(40);
    private static final String NEW_KEY = "n".repeat(40);

    @Test
    void anExecutorAnnouncesWhereItIsReachedOnceUntilItMovesOrRestarts() {
        ExecutorRegistered registered = new ExecutorRegistered(EXECUTOR, "lab", ExecutorCapabilities.CPU_ONLY);
        fixture.given(registered)
                .when(new AnnounceExecutor(EXECUTOR, "http://executor.lab.svc:8084", KEY))
                .expectEvents(new ExecutorAnnounced(EXECUTOR, "http://executor.lab.svc:8084", KEY));
        ExecutorAnnounced announced = new ExecutorAnnounced(EXECUTOR, "http://executor.lab.svc:8084", KEY);
        fixture.given(registered, announced)
                .when(new AnnounceExecutor(EXECUTOR, "http://executor.lab.svc:8084", KEY))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(registered, announced)
                .when(new AnnounceExecutor(EXECUTOR, "https://10.0.0.7:8443", KEY))
                .expectEvents(new ExecutorAnnounced(EXECUTOR, "https://10.0.0.7:8443", KEY));
        fixture.given(registered, announced)
                .when(new AnnounceExecutor(EXECUTOR, "http://executor.lab.svc:8084", NEW_KEY))
                .expectEvents(new ExecutorAnnounced(EXECUTOR, "http://executor.lab.svc:8084", NEW_KEY));
    }

    @Test
    void anAnnouncementIsAPlainHttpUrl() {
        ExecutorRegistered registered = new ExecutorRegistered(EXECUTOR, "lab", ExecutorCapabilities.CPU_ONLY);
        for (String url : new String[] {"file:///etc/passwd", "http://user:pw@host", "http://host/?q=1", "not a url",
                "ftp://host", " ", "http:///nohost"}) {
            fixture.given(registered)
                    .when(new AnnounceExecutor(EXECUTOR, url, KEY))
                    .expectException(refusal(InvalidInput.class, "api_url"))
                    .expectNoEvents();
        }
    }

    @Test
    void aReadKeyIsLongEnoughToGuessNever() {
        fixture.given(new ExecutorRegistered(EXECUTOR, "lab", ExecutorCapabilities.CPU_ONLY))
                .when(new AnnounceExecutor(EXECUTOR, "http://executor:8084", "short"))
                .expectException(refusal(InvalidInput.class, "read_key"));
        fixture.given(new ExecutorRegistered(EXECUTOR, "lab", ExecutorCapabilities.CPU_ONLY))
                .when(new AnnounceExecutor(EXECUTOR, "http://executor:8084", null))
                .expectException(refusal(InvalidInput.class, "read_key"));
    }
}
