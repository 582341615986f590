package org.tributary.domain.project;

import org.junit.jupiter.api.Test;
import org.tributary.domain.Sourced;
import org.tributary.domain.project.api.NodeParametersDefined;
import org.tributary.domain.shared.NotFound;
import org.tributary.domain.shared.ParameterDefinition;
import org.tributary.domain.shared.ParameterType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tributary.domain.project.ProjectSamples.A;
import static org.tributary.domain.project.ProjectSamples.P;
import static org.tributary.domain.project.ProjectSamples.graph;

/** A parameter's schema id, as the original platform's clients address its values: its 1-based place. */
class ProjectParameterIdsTest {

    final Project project = Sourced.from(Project.class, Project::new, graph(new NodeParametersDefined(P, A, List.of(
            new ParameterDefinition("alpha", null, ParameterType.NUMBER, 1, null),
            new ParameterDefinition("beta", null, ParameterType.STRING, "b", null))))).aggregate();

    @Test
    void schemaIdsCountFromOneInSchemaOrder() {
        assertThat(project.parameterName(A, 1)).isEqualTo("alpha");
        assertThat(project.parameterName(A, 2)).isEqualTo("beta");
    }

    @Test
    void anIdOutsideTheSchemaIsNotFound() {
        for (long id : new long[]{0, 3}) {
            assertThatThrownBy(() -> project.parameterName(A, id)).isInstanceOfSatisfying(NotFound.class,
                    e -> assertThat(e.field()).isEqualTo("schema_id"));
        }
    }

    @Test
    void anUnknownNodeIsNotFound() {
        assertThatThrownBy(() -> project.parameterName(999, 1)).isInstanceOfSatisfying(NotFound.class,
                e -> assertThat(e.field()).isEqualTo("node_id"));
    }
}
