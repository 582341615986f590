package org.tributary.domain.routing;

import org.tributary.domain.shared.FileRef;
import org.tributary.domain.shared.LabelFilter;
import org.tributary.domain.shared.LinkType;
import org.tributary.domain.shared.Mapping;
import org.tributary.domain.shared.ParameterDefinition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The pure rules of the flow: which packages a link delivers, which values a job receives. */
public final class Routing {

    private Routing() {
    }

    /** A link as routing sees it. */
    public record Route(long linkId, long fromNodeId, long toNodeId, LinkType type, LabelFilter filter,
                        Mapping mapping) {
    }

    /**
     * The packages that leave a node along its push links: one per link whose filter matches the label,
     * with fields and files renamed by that link's mapping. Links are taken in id order so routing is repeatable.
     */
    public static List<Delivery> deliveries(Collection<Route> linksFromNode, String label, Map<String, Object> fields,
                                            List<FileRef> files) {
        List<Route> ordered = new ArrayList<>(linksFromNode);
        ordered.sort((a, b) -> Long.compare(a.linkId(), b.linkId()));
        List<Delivery> result = new ArrayList<>();
        for (Route route : ordered) {
            if (route.type() == LinkType.PUSH && route.filter().matches(label)) {
                result.add(new Delivery(route.linkId(), route.toNodeId(), label,
                        route.mapping().applyToFields(fields), route.mapping().applyToFiles(files)));
            }
        }
        return List.copyOf(result);
    }

    /**
     * A job's fields: every parameter of the schema, in schema order, with the layer's value where it has one,
     * else the default.
     */
    public static Map<String, Object> jobFields(List<ParameterDefinition> schema, Map<String, Object> layerValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (ParameterDefinition p : schema) {
            fields.put(p.name(), layerValues.containsKey(p.name()) ? layerValues.get(p.name()) : p.defaultValue());
        }
        return Collections.unmodifiableMap(fields);
    }
}
