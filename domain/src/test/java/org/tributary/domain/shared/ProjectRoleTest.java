package org.tributary.domain.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectRoleTest {

    @Test
    void eachRoleIncludesTheOnesBelowIt() {
        assertThat(ProjectRole.OWNER.includes(ProjectRole.EDITOR)).isTrue();
        assertThat(ProjectRole.OWNER.includes(ProjectRole.OWNER)).isTrue();
        assertThat(ProjectRole.EDITOR.includes(ProjectRole.VIEWER)).isTrue();
        assertThat(ProjectRole.EDITOR.includes(ProjectRole.OWNER)).isFalse();
        assertThat(ProjectRole.VIEWER.includes(ProjectRole.EDITOR)).isFalse();
    }

    @Test
    void rolesTravelUnderTheirLowerCaseNames() {
        assertThat(ProjectRole.EDITOR.wireName()).isEqualTo("editor");
        assertThat(ProjectRole.of("Owner")).isEqualTo(ProjectRole.OWNER);
    }

    @Test
    void anUnknownRoleIsRefusedNamingTheField() {
        assertThatThrownBy(() -> ProjectRole.of("admin")).isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).field()).isEqualTo("role"))
                .hasMessageContaining("viewer, editor, owner");
    }
}
