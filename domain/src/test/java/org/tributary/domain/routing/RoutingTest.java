package org.tributary.domain.routing;

import org.junit.jupiter.api.Test;
import org.tributary.domain.routing.Routing.Route;
import org.tributary.domain.shared.FileRef;
import org.tributary.domain.shared.LabelFilter;
import org.tributary.domain.shared.LinkType;
import org.tributary.domain.shared.Mapping;
import org.tributary.domain.shared.ParameterDefinition;
import org.tributary.domain.shared.ParameterType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutingTest {

    private static final long FROM = 1;
    private static final FileRef DATA = new FileRef("data.csv", "a".repeat(64), 1, false, null);
    private static final FileRef LOG = new FileRef("log.txt", "b".repeat(64), 1, false, null);

    private static Route push(long linkId, long to, String filter, Map<String, String> mapping) {
        return new Route(linkId, FROM, to, LinkType.PUSH, LabelFilter.of(filter), Mapping.of(mapping));
    }

    @Test
    void deliversAlongEveryMatchingPushLinkInLinkIdOrder() {
        List<Delivery> deliveries = Routing.deliveries(List.of(
                        push(9, 30, "", null),
                        push(3, 20, "^run", Map.of("input.csv", "data.csv")),
                        push(5, 40, "^final$", null)),
                "run-1", Map.of("n", 1), List.of(DATA, LOG));

        assertThat(deliveries).containsExactly(
                new Delivery(3, 20, "run-1", Map.of("n", 1), List.of(LOG, DATA.renamed("input.csv"))),
                new Delivery(9, 30, "run-1", Map.of("n", 1), List.of(DATA, LOG)));
    }

    @Test
    void pullLinksAreNotRoutesForProducedPackages() {
        Route pull = new Route(1, FROM, 20, LinkType.PULL, LabelFilter.ANY, Mapping.NONE);

        assertThat(Routing.deliveries(List.of(pull), "x", Map.of(), List.of(DATA))).isEmpty();
    }

    @Test
    void eachLinkAppliesOnlyItsOwnMapping() {
        List<Delivery> deliveries = Routing.deliveries(List.of(
                        push(1, 20, "", Map.of("a", "n")),
                        push(2, 30, "", Map.of("b", "n"))),
                "x", Map.of("n", 7), List.of());

        assertThat(deliveries).extracting(Delivery::fields).containsExactly(Map.of("a", 7), Map.of("b", 7));
    }

    @Test
    void keepsTheLabel() {
        assertThat(Routing.deliveries(List.of(push(1, 20, "", Map.of("renamed", "label"))), "label",
                Map.of(), List.of())).extracting(Delivery::label).containsExactly("label");
    }

    @Test
    void noLinksNoDeliveries() {
        assertThat(Routing.deliveries(List.of(), "x", Map.of(), List.of(DATA))).isEmpty();
    }

    @Test
    void deliveriesCannotBeAltered() {
        List<Delivery> deliveries = Routing.deliveries(List.of(push(1, 20, "", null)), "x", Map.of(), List.of());

        assertThatThrownBy(deliveries::clear).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void jobGetsEveryParameterInSchemaOrderWithTheLayersValueElseTheDefault() {
        List<ParameterDefinition> schema = List.of(
                new ParameterDefinition("mode", null, ParameterType.STRING, "fast", null),
                new ParameterDefinition("threshold", null, ParameterType.NUMBER, 0.5, null),
                new ParameterDefinition("on", null, ParameterType.TOGGLE, null, null));

        Map<String, Object> fields = Routing.jobFields(schema, Map.of("threshold", 0.9));

        assertThat(fields.keySet()).containsExactly("mode", "threshold", "on");
        assertThat(fields).containsEntry("mode", "fast").containsEntry("threshold", 0.9).containsEntry("on", null);
    }

    @Test
    void explicitNullInTheLayerOverridesTheDefault() {
        Map<String, Object> values = new HashMap<>();
        values.put("mode", null);

        Map<String, Object> fields = Routing.jobFields(
                List.of(new ParameterDefinition("mode", null, ParameterType.STRING, "fast", null)), values);

        assertThat(fields).containsEntry("mode", null);
    }

    @Test
    void valuesOutsideTheSchemaDoNotReachTheJob() {
        assertThat(Routing.jobFields(List.of(), Map.of("stray", 1))).isEmpty();
    }

    @Test
    void jobFieldsCannotBeAltered() {
        Map<String, Object> fields = Routing.jobFields(List.of(), Map.of());

        assertThatThrownBy(() -> fields.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }
}
