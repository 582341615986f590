package org.tributary.domain.project;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tributary.domain.TakenIds;
import org.tributary.domain.project.api.DefineNodeParameters;
import org.tributary.domain.project.api.DeleteNodeFile;
import org.tributary.domain.project.api.NodeActivityChanged;
import org.tributary.domain.project.api.NodeFileDeleted;
import org.tributary.domain.project.api.NodeFilePut;
import org.tributary.domain.project.api.NodeParametersDefined;
import org.tributary.domain.project.api.ParameterValuesSet;
import org.tributary.domain.project.api.PutNodeFile;
import org.tributary.domain.project.api.SetNodeActive;
import org.tributary.domain.project.api.SetParameterValues;
import org.tributary.domain.shared.FileRef;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.NotFound;
import org.tributary.domain.shared.ParameterDefinition;
import org.tributary.domain.shared.ParameterType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tributary.domain.Refusals.refusal;
import static org.tributary.domain.project.ProjectSamples.A;
import static org.tributary.domain.project.ProjectSamples.B;
import static org.tributary.domain.project.ProjectSamples.MAIN;
import static org.tributary.domain.project.ProjectSamples.OTHER_LAYER;
import static org.tributary.domain.project.ProjectSamples.P;
import static org.tributary.domain.project.ProjectSamples.SECOND_LAYER;
import static org.tributary.domain.project.ProjectSamples.file;
import static org.tributary.domain.project.ProjectSamples.graph;

/** What a node carries per data layer and beside its container: activity, parameters, node files. */
class ProjectNodeSettingsTest {

    private static final ParameterDefinition THRESHOLD =
            new ParameterDefinition("threshold", "Threshold", ParameterType.NUMBER, 0.5, Map.of("min", 0, "max", 1));
    private static final ParameterDefinition MODE =
            new ParameterDefinition("mode", null, ParameterType.STRING, "fast", null);

    private FixtureConfiguration<Project> fixture;
    private final TakenIds ids = new TakenIds(500);

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Project.class);
        fixture.registerInjectableResource(ids);
    }

    @Nested
    class Activity {

        @Test
        void deactivatesNodeInOneLayer() {
            fixture.given(graph())
                    .when(new SetNodeActive(P, null, A, MAIN, false))
                    .expectEvents(new NodeActivityChanged(P, A, MAIN, false));
        }

        @Test
        void activatingAnActiveNodeChangesNothing() {
            fixture.given(graph())
                    .when(new SetNodeActive(P, null, A, MAIN, true))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void deactivatingTwiceChangesNothingTheSecondTime() {
            fixture.given(graph(new NodeActivityChanged(P, A, MAIN, false)))
                    .when(new SetNodeActive(P, null, A, MAIN, false))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void reactivatesNode() {
            fixture.given(graph(new NodeActivityChanged(P, A, MAIN, false)))
                    .when(new SetNodeActive(P, null, A, MAIN, true))
                    .expectEvents(new NodeActivityChanged(P, A, MAIN, true));
        }

        @Test
        void activityIsPerLayer() {
            fixture.given(graph(SECOND_LAYER, new NodeActivityChanged(P, A, MAIN, false)))
                    .when(new SetNodeActive(P, null, A, OTHER_LAYER, false))
                    .expectEvents(new NodeActivityChanged(P, A, OTHER_LAYER, false));
        }

        @Test
        void rejectsUnknownLayer() {
            fixture.given(graph())
                    .when(new SetNodeActive(P, null, A, OTHER_LAYER, false))
                    .expectException(refusal(NotFound.class, "data_layer_id"))
                    .expectNoEvents();
        }

        @Test
        void rejectsUnknownNode() {
            fixture.given(graph())
                    .when(new SetNodeActive(P, null, 999, MAIN, false))
                    .expectException(refusal(NotFound.class, "node_id"))
                    .expectNoEvents();
        }
    }

    @Nested
    class ParameterDefinitions {

        @Test
        void definesParameters() {
            fixture.given(graph())
                    .when(new DefineNodeParameters(P, null, A, List.of(THRESHOLD, MODE)))
                    .expectEvents(new NodeParametersDefined(P, A, List.of(THRESHOLD, MODE)));
        }

        @Test
        void labelDefaultsToTheName() {
            assertThat(MODE.label()).isEqualTo("mode");
        }

        @Test
        void identicalDefinitionChangesNothing() {
            fixture.given(graph(new NodeParametersDefined(P, A, List.of(THRESHOLD))))
                    .when(new DefineNodeParameters(P, null, A, List.of(THRESHOLD)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void noDefinitionsClearsTheSchema() {
            fixture.given(graph(new NodeParametersDefined(P, A, List.of(THRESHOLD))))
                    .when(new DefineNodeParameters(P, null, A, null))
                    .expectEvents(new NodeParametersDefined(P, A, List.of()));
        }

        @Test
        void rejectsTheSameNameTwice() {
            fixture.given(graph())
                    .when(new DefineNodeParameters(P, null, A, List.of(THRESHOLD,
                            new ParameterDefinition("threshold", null, ParameterType.STRING, null, null))))
                    .expectException(refusal(InvalidInput.class, "parameters.name"))
                    .expectNoEvents();
        }

        @Test
        void rejectsMissingDefinitionInTheList() {
            fixture.given(graph())
                    .when(new DefineNodeParameters(P, null, A, java.util.Arrays.asList(THRESHOLD, null)))
                    .expectException(refusal(InvalidInput.class, "parameters[1]"))
                    .expectNoEvents();
        }

        @Test
        void rejectsDefaultThatDoesNotSuitTheType() {
            fixture.given(graph())
                    .when(new DefineNodeParameters(P, null, A, List.of(
                            new ParameterDefinition("on", null, ParameterType.TOGGLE, "yes", null))))
                    .expectException(refusal(InvalidInput.class, "parameters.on.default"))
                    .expectNoEvents();
        }

        @Test
        void rejectsDefinitionsForUnknownNode() {
            fixture.given(graph())
                    .when(new DefineNodeParameters(P, null, 999, List.of(THRESHOLD)))
                    .expectException(refusal(NotFound.class, "node_id"))
                    .expectNoEvents();
        }

        @Test
        void definitionNeedsNameAndType() {
            assertThatThrownBy(() -> new ParameterDefinition(" ", null, ParameterType.STRING, null, null))
                    .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("parameters.name"));
            assertThatThrownBy(() -> new ParameterDefinition("n", null, null, null, null))
                    .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("parameters.type"));
        }
    }

    @Nested
    class ParameterValues {

        private static final Object[] SCHEMA = graph(new NodeParametersDefined(P, A, List.of(THRESHOLD, MODE,
                new ParameterDefinition("on", null, ParameterType.TOGGLE, false, null),
                new ParameterDefinition("window", null, ParameterType.RANGE, List.of(0, 10), null),
                new ParameterDefinition("level", null, ParameterType.SLIDER, 3, null),
                new ParameterDefinition("since", null, ParameterType.DATE, "2024-01-01", null))));

        @Test
        void aValueBeyondItsParametersLimitIsRefusedNamingTheParameter() {
            fixture.given(graph(new NodeParametersDefined(P, A, List.of(new ParameterDefinition("depth", null,
                            ParameterType.NUMBER, 2, Map.of("min", 1, "max", 5))))))
                    .when(new SetParameterValues(P, null, A, MAIN, Map.of("depth", 6)))
                    .expectException(refusal(InvalidInput.class, "values.depth"))
                    .expectNoEvents();
        }

        @Test
        void aMandatoryParameterNeedsADefault() {
            fixture.given(graph())
                    .when(new DefineNodeParameters(P, null, A, List.of(new ParameterDefinition("name", null,
                            ParameterType.STRING, null, Map.of("mandatory", true)))))
                    .expectException(refusal(InvalidInput.class, "parameters.name.default"))
                    .expectNoEvents();
        }

        @Test
        void aConfigThatCannotBeEnforcedIsRefused() {
            fixture.given(graph())
                    .when(new DefineNodeParameters(P, null, A, List.of(new ParameterDefinition("depth", null,
                            ParameterType.NUMBER, 2, Map.of("min", 5, "max", 1)))))
                    .expectException(refusal(InvalidInput.class, "parameters.depth.config.min"))
                    .expectNoEvents();
        }

        @Test
        void setsValuesOfOneLayer() {
            fixture.given(SCHEMA)
                    .when(new SetParameterValues(P, null, A, MAIN, Map.of("threshold", 0.9, "on", true)))
                    .expectEvents(new ParameterValuesSet(P, A, MAIN, Map.of("threshold", 0.9, "on", true)));
        }

        @Test
        void acceptsValueOfEveryType() {
            Map<String, Object> values = Map.of("threshold", 1, "mode", "slow", "on", false,
                    "window", List.of(2.5, 7), "level", 4L, "since", "2025-06-30");
            fixture.given(SCHEMA)
                    .when(new SetParameterValues(P, null, A, MAIN, values))
                    .expectEvents(new ParameterValuesSet(P, A, MAIN, values));
        }

        @Test
        void acceptsNullForAnyType() {
            Map<String, Object> values = new HashMap<>();
            values.put("window", null);
            fixture.given(SCHEMA)
                    .when(new SetParameterValues(P, null, A, MAIN, values))
                    .expectEvents(new ParameterValuesSet(P, A, MAIN, values));
        }

        static Stream<Arguments> illTyped() {
            return Stream.of(
                    Arguments.of("threshold", "0.9"),
                    Arguments.of("mode", 5),
                    Arguments.of("on", "true"),
                    Arguments.of("window", List.of(1)),
                    Arguments.of("window", List.of(1, "2")),
                    Arguments.of("window", 3),
                    Arguments.of("level", true),
                    Arguments.of("since", 20240101));
        }

        @ParameterizedTest(name = "{0} = {1}")
        @MethodSource("illTyped")
        void rejectsValueOfTheWrongType(String name, Object value) {
            fixture.given(SCHEMA)
                    .when(new SetParameterValues(P, null, A, MAIN, Map.of(name, value)))
                    .expectException(refusal(InvalidInput.class, "values." + name))
                    .expectNoEvents();
        }

        @Test
        void rejectsValueOfUndefinedParameter() {
            fixture.given(SCHEMA)
                    .when(new SetParameterValues(P, null, A, MAIN, Map.of("threshold", 0.1, "speed", 3)))
                    .expectException(refusal(InvalidInput.class, "values.speed"))
                    .expectNoEvents();
        }

        @Test
        void rejectsBlankValueName() {
            fixture.given(SCHEMA)
                    .when(new SetParameterValues(P, null, A, MAIN, Map.of(" ", 1)))
                    .expectException(refusal(InvalidInput.class, "values"))
                    .expectNoEvents();
        }

        @Test
        void rejectsUnknownLayer() {
            fixture.given(SCHEMA)
                    .when(new SetParameterValues(P, null, A, OTHER_LAYER, Map.of("threshold", 0.1)))
                    .expectException(refusal(NotFound.class, "data_layer_id"))
                    .expectNoEvents();
        }

        @Test
        void noValuesChangeNothing() {
            fixture.given(SCHEMA)
                    .when(new SetParameterValues(P, null, A, MAIN, Map.of()))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void keepsTheOrderOfTheGivenValues() {
            List<String> names = new ArrayList<>();
            Map<String, Object> ordered = new java.util.LinkedHashMap<>();
            ordered.put("mode", "a");
            ordered.put("threshold", 0.2);
            ordered.put("on", true);
            fixture.given(SCHEMA)
                    .when(new SetParameterValues(P, null, A, MAIN, ordered))
                    .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                            org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                    org.tributary.domain.Refusals.payload(ParameterValuesSet.class,
                                            "values in the given order", e -> {
                                                names.addAll(e.values().keySet());
                                                return names.equals(List.of("mode", "threshold", "on"));
                                            }),
                                    org.axonframework.test.matchers.Matchers.andNoMore())));
        }
    }

    @Nested
    class NodeFiles {

        private final FileRef script = file("run.py", 'a');

        @Test
        void putsFile() {
            fixture.given(graph())
                    .when(new PutNodeFile(P, null, A, script))
                    .expectEvents(new NodeFilePut(P, A, script));
        }

        @Test
        void identicalFileChangesNothing() {
            fixture.given(graph(new NodeFilePut(P, A, script)))
                    .when(new PutNodeFile(P, null, A, file("run.py", 'a')))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void replacesFileWithNewContent() {
            FileRef newer = file("run.py", 'b');
            fixture.given(graph(new NodeFilePut(P, A, script)))
                    .when(new PutNodeFile(P, null, A, newer))
                    .expectEvents(new NodeFilePut(P, A, newer));
        }

        @Test
        void rejectsMissingFile() {
            fixture.given(graph())
                    .when(new PutNodeFile(P, null, A, null))
                    .expectException(refusal(InvalidInput.class, "file"))
                    .expectNoEvents();
        }

        @Test
        void rejectsFileOfUnknownNode() {
            fixture.given(graph())
                    .when(new PutNodeFile(P, null, 999, script))
                    .expectException(refusal(NotFound.class, "node_id"))
                    .expectNoEvents();
        }

        @Test
        void deletesFile() {
            fixture.given(graph(new NodeFilePut(P, A, script)))
                    .when(new DeleteNodeFile(P, null, A, "run.py"))
                    .expectEvents(new NodeFileDeleted(P, A, "run.py"));
        }

        @Test
        void rejectsDeleteOfMissingFile() {
            fixture.given(graph(new NodeFilePut(P, A, script), new NodeFileDeleted(P, A, "run.py")))
                    .when(new DeleteNodeFile(P, null, A, "run.py"))
                    .expectException(refusal(NotFound.class, "name"))
                    .expectNoEvents();
        }

        @Test
        void filesBelongToTheirNode() {
            fixture.given(graph(new NodeFilePut(P, A, script)))
                    .when(new DeleteNodeFile(P, null, B, "run.py"))
                    .expectException(refusal(NotFound.class, "name"))
                    .expectNoEvents();
        }
    }
}
