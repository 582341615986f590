package org.tributary.domain.project;

import org.junit.jupiter.api.Test;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.ParameterDefinition;
import org.tributary.domain.shared.ParameterType;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A parameter's config limits every value it takes. */
class ParameterLimitsTest {

    static ParameterDefinition p(ParameterType type, Map<String, Object> config) {
        return new ParameterDefinition("alpha", null, type, null, config);
    }

    static String violation(ParameterType type, Map<String, Object> config, Object value) {
        return ParameterLimits.violation(p(type, config), value);
    }

    static void refusedConfig(Map<String, Object> config, String field) {
        assertThatThrownBy(() -> ParameterLimits.checkConfig(p(ParameterType.NUMBER, config), "parameters.alpha"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void aNumberBelowTheMinimumIsRefused() {
        assertThat(violation(ParameterType.NUMBER, Map.of("min", 1), 0.5)).isEqualTo("0.5 is below the minimum 1");
    }

    @Test
    void theMinimumItselfIsAllowed() {
        assertThat(violation(ParameterType.NUMBER, Map.of("min", 1), 1)).isNull();
    }

    @Test
    void aNumberAboveTheMaximumIsRefused() {
        assertThat(violation(ParameterType.SLIDER, Map.of("max", 10), 10.5)).isEqualTo("10.5 is above the maximum 10");
    }

    @Test
    void theMaximumItselfIsAllowed() {
        assertThat(violation(ParameterType.SLIDER, Map.of("max", 10), 10)).isNull();
    }

    @Test
    void aNumberOffTheStepFromTheMinimumIsRefused() {
        assertThat(violation(ParameterType.NUMBER, Map.of("min", 1, "step", 0.5), 2.25))
                .isEqualTo("2.25 is not on a step of 0.5 from 1");
    }

    @Test
    void aNumberOnTheStepIsAllowedWithoutRoundingErrors() {
        assertThat(violation(ParameterType.NUMBER, Map.of("min", 0.1, "step", 0.1), 0.3)).isNull();
    }

    @Test
    void withoutAMinimumStepsCountFromZero() {
        assertThat(violation(ParameterType.NUMBER, Map.of("step", 2), 3)).isEqualTo("3 is not on a step of 2 from 0");
        assertThat(violation(ParameterType.NUMBER, Map.of("step", 2), 4)).isNull();
    }

    @Test
    void bothEndsOfARangeKeepTheLimits() {
        Map<String, Object> config = Map.of("min", 0, "max", 10);
        assertThat(violation(ParameterType.RANGE, config, List.of(-1, 5))).isEqualTo("-1 is below the minimum 0");
        assertThat(violation(ParameterType.RANGE, config, List.of(5, 11))).isEqualTo("11 is above the maximum 10");
        assertThat(violation(ParameterType.RANGE, config, List.of(0, 10))).isNull();
    }

    @Test
    void aRangeRunsUpwards() {
        assertThat(violation(ParameterType.RANGE, Map.of(), List.of(5, 4))).isEqualTo("the range's start is above its end");
        assertThat(violation(ParameterType.RANGE, Map.of(), List.of(4, 4))).isNull();
    }

    @Test
    void aStringMustMatchTheWholeRegexWithItsMessage() {
        Map<String, Object> config = Map.of("regex", "[a-z]+", "regex_message", "lower-case letters only");
        assertThat(violation(ParameterType.STRING, config, "abc1")).isEqualTo("lower-case letters only");
        assertThat(violation(ParameterType.STRING, config, "abc")).isNull();
    }

    @Test
    void aRegexWithoutAMessageNamesItself() {
        assertThat(violation(ParameterType.STRING, Map.of("regex", "x"), "y")).isEqualTo("must match x");
        assertThat(violation(ParameterType.STRING, Map.of("regex", "x", "regex_message", " "), "y"))
                .isEqualTo("must match x");
    }

    @Test
    void aRegexDoesNotMatchBeforeATrailingNewline() {
        assertThat(violation(ParameterType.STRING, Map.of("regex", "x"), "x\n")).isNotNull();
    }

    @Test
    void aMandatoryParameterNeedsAValue() {
        Map<String, Object> config = Map.of("mandatory", true);
        assertThat(violation(ParameterType.STRING, config, null)).isEqualTo("a value is mandatory");
        assertThat(violation(ParameterType.STRING, config, "")).isEqualTo("a value is mandatory");
        assertThat(violation(ParameterType.STRING, config, "x")).isNull();
    }

    @Test
    void anOptionalParameterMayBeEmptyWhateverItsLimits() {
        assertThat(violation(ParameterType.NUMBER, Map.of("min", 1), null)).isNull();
        assertThat(violation(ParameterType.STRING, Map.of("regex", "x", "mandatory", false), "")).isNull();
    }

    @Test
    void limitsOfOtherTypesAreLeftToTheUi() {
        assertThat(violation(ParameterType.TOGGLE, Map.of("min", 1), true)).isNull();
        assertThat(violation(ParameterType.DATE, Map.of("regex", "x"), "2026-12-06")).isNull();
    }

    @Test
    void limitsThatAreNotNumbersAreRefused() {
        refusedConfig(Map.of("min", "one"), "parameters.alpha.config.min");
        refusedConfig(Map.of("max", true), "parameters.alpha.config.max");
        refusedConfig(Map.of("step", "1"), "parameters.alpha.config.step");
    }

    @Test
    void aMinimumAboveTheMaximumIsRefused() {
        refusedConfig(Map.of("min", 2, "max", 1), "parameters.alpha.config.min");
    }

    @Test
    void equalMinimumAndMaximumAreAllowed() {
        ParameterLimits.checkConfig(p(ParameterType.NUMBER, Map.of("min", 1, "max", 1)), "parameters.alpha");
    }

    @Test
    void aStepMustBePositive() {
        refusedConfig(Map.of("step", 0), "parameters.alpha.config.step");
        refusedConfig(Map.of("step", -1), "parameters.alpha.config.step");
    }

    @Test
    void aRegexMustBeAValidStringPattern() {
        refusedConfig(Map.of("regex", "(unclosed"), "parameters.alpha.config.regex");
        refusedConfig(Map.of("regex", 5), "parameters.alpha.config.regex");
    }

    @Test
    void mandatoryIsTrueOrFalse() {
        refusedConfig(Map.of("mandatory", "yes"), "parameters.alpha.config.mandatory");
    }

    @Test
    void aSensibleConfigPasses() {
        ParameterLimits.checkConfig(p(ParameterType.STRING, Map.of("min", 0, "max", 5, "step", 1, "regex", "a+",
                "mandatory", true, "unit", "mm")), "parameters.alpha");
    }
}
