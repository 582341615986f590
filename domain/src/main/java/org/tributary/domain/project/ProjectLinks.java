package org.tributary.domain.project;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.tributary.domain.project.api.CreateLink;
import org.tributary.domain.project.api.LinkCreated;
import org.tributary.domain.project.api.LinkDeleted;
import org.tributary.domain.routing.Routing;
import org.tributary.domain.shared.Conflict;
import org.tributary.domain.shared.Ids;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.LabelFilter;
import org.tributary.domain.shared.LinkType;
import org.tributary.domain.shared.Mapping;
import org.tributary.domain.shared.NotFound;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

/**
 * A project's links between its nodes: push links, along which packages flow on, and pull links, by which a job at
 * the destination also gets the source's latest package. Push links never close a loop.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class ProjectLinks {

    record Link(long id, long from, long to, LinkType type, LabelFilter filter, Mapping mapping) {
    }

    private final Map<Long, Link> links = new LinkedHashMap<>();

    /** The link, once every node it joins exists, no link joins them yet and a push link closes no loop. */
    LinkCreated create(long projectId, CreateLink command, Ids ids, ProjectNodes nodes) {
        long from = command.fromNodeId();
        long to = command.toNodeId();
        if (command.linkId() != null && links.containsKey(command.linkId())) {
            throw new Conflict("link_id", "link " + command.linkId() + " already exists");
        }
        if (!nodes.exists(from)) {
            throw new NotFound("from_node_id", "project " + projectId + " has no node " + from);
        }
        if (!nodes.exists(to)) {
            throw new NotFound("to_node_id", "project " + projectId + " has no node " + to);
        }
        if (from == to) {
            throw new InvalidInput("to_node_id", "a node cannot be linked to itself");
        }
        for (Link link : links.values()) {
            if (link.from == from && link.to == to) {
                throw new Conflict("to_node_id", "nodes " + from + " and " + to + " are already linked (link "
                        + link.id + ")");
            }
        }
        LinkType type = command.type() == null ? LinkType.PUSH : command.type();
        if (type == LinkType.PUSH) {
            List<Long> back = pushPath(to, from);
            if (!back.isEmpty()) {
                throw new Conflict("to_node_id", "a push link from " + nodes.label(from) + " to " + nodes.label(to)
                        + " would close a loop of push links (" + labels(back, nodes) + " → " + nodes.label(to)
                        + "), round which packages would flow for ever; a pull link may lead back");
            }
        }
        LabelFilter filter = command.packageFilter() == null ? LabelFilter.ANY : command.packageFilter();
        Mapping mapping = command.mapping() == null ? Mapping.NONE : command.mapping();
        long linkId = ids.orNext(command.linkId(), Ids.Kind.LINK);
        return new LinkCreated(projectId, linkId, from, to, type, filter, mapping);
    }

    LinkDeleted delete(long projectId, long linkId) {
        if (!links.containsKey(linkId)) {
            throw new NotFound("link_id", "project " + projectId + " has no link " + linkId);
        }
        return new LinkDeleted(projectId, linkId);
    }

    /** The links that go with a node when it is deleted: every one leaving or entering it. */
    List<LinkDeleted> touching(long projectId, long nodeId) {
        List<LinkDeleted> deleted = new ArrayList<>();
        for (Link link : links.values()) {
            if (link.from == nodeId || link.to == nodeId) {
                deleted.add(new LinkDeleted(projectId, link.id));
            }
        }
        return deleted;
    }

    /** The routes leaving the node ({@code leaving}) or entering it, in the order the links were made. */
    List<Routing.Route> routes(long nodeId, boolean leaving) {
        List<Routing.Route> routes = new ArrayList<>();
        for (Link link : links.values()) {
            if ((leaving ? link.from : link.to) == nodeId) {
                routes.add(new Routing.Route(link.id, link.from, link.to, link.type, link.filter, link.mapping));
            }
        }
        return routes;
    }

    /**
     * The nodes from {@code start} to {@code target} along push links (both included), or none when push links do
     * not lead there. Breadth first, so the loop named in a refusal is a shortest one.
     */
    private List<Long> pushPath(long start, long target) {
        Map<Long, Long> cameFrom = new HashMap<>();
        ArrayDeque<Long> queue = new ArrayDeque<>(List.of(start));
        cameFrom.put(start, start);
        while (!queue.isEmpty()) {
            long node = queue.poll();
            if (node == target) {
                LinkedList<Long> path = new LinkedList<>();
                for (long at = target; ; at = cameFrom.get(at)) {
                    path.addFirst(at);
                    if (at == start) {
                        return path;
                    }
                }
            }
            for (Link link : links.values()) {
                if (link.type == LinkType.PUSH && link.from == node && !cameFrom.containsKey(link.to)) {
                    cameFrom.put(link.to, node);
                    queue.add(link.to);
                }
            }
        }
        return List.of();
    }

    private static String labels(List<Long> path, ProjectNodes nodes) {
        return String.join(" → ", path.stream().map(nodes::label).toList());
    }

    // ---- state

    void on(LinkCreated event) {
        links.put(event.linkId(), new Link(event.linkId(), event.fromNodeId(), event.toNodeId(), event.type(),
                event.packageFilter(), event.mapping()));
    }

    void on(LinkDeleted event) {
        links.remove(event.linkId());
    }
}
