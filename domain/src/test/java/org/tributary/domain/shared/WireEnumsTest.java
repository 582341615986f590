package org.tributary.domain.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Enums travel under lower-case names in the user's words; parsing ignores case and names the field. */
class WireEnumsTest {

    @Test
    void parsesAnyCaseAndWritesLowerCase() {
        assertThat(NodeKind.of("Compute")).isEqualTo(NodeKind.COMPUTE);
        assertThat(NodeKind.DATA.wireName()).isEqualTo("data");
        assertThat(LinkType.of("PULL")).isEqualTo(LinkType.PULL);
        assertThat(DataLayerKind.of("personal")).isEqualTo(DataLayerKind.PERSONAL);
        assertThat(ParameterType.of("slider")).isEqualTo(ParameterType.SLIDER);
        assertThat(PackageOrigin.of("delivered")).isEqualTo(PackageOrigin.DELIVERED);
        assertThat(PackageOrigin.UPLOADED.wireName()).isEqualTo("uploaded");
    }

    @Test
    void unknownValueNamesTheFieldAndTheAllowedValues() {
        assertThatThrownBy(() -> NodeKind.of("query"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    assertThat(e.field()).isEqualTo("kind");
                    assertThat(e.getMessage()).contains("compute, data");
                });
        assertThatThrownBy(() -> LinkType.of(null))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("type"));
        assertThatThrownBy(() -> ParameterType.of("color"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("type"));
        assertThatThrownBy(() -> PackageOrigin.of("copied"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("origin"));
        assertThatThrownBy(() -> DataLayerKind.of("team"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("kind"));
    }
}
