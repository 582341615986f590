package org.tributary.domain.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunnerModeTest {

    @Test
    void modesTravelUnderTheirWireNames() {
        assertThat(RunnerMode.of("library")).isEqualTo(RunnerMode.LIBRARY);
        assertThat(RunnerMode.of("injected")).isEqualTo(RunnerMode.INJECTED);
        assertThat(RunnerMode.INJECTED.wireName()).isEqualTo("injected");
    }

    @Test
    void anUnknownModeIsRefusedNamingTheField() {
        assertThatThrownBy(() -> RunnerMode.of("docker")).isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).field()).isEqualTo("container.runner"));
    }
}
