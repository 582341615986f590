package org.tributary.gateway.webapp;

import org.springframework.core.io.Resource;
import org.springframework.web.servlet.resource.PathResourceResolver;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.resource.ResourceResolverChain;

import java.util.List;
import java.util.Set;

/**
 * The web app's files, and {@code index.html} for every path of the app's own (client-side routes such as
 * {@code /projects/2}): a path whose last segment has no dot. A missing file with a dot (a stale {@code /assets/…}
 * name) is a 404, not the page. Where the web app was not built, every such path gets a page that says so and how to
 * build it. Paths of the platform's other parts never reach here: their controllers come first, and
 * {@link #RESERVED} keeps a mistyped one from answering with the app.
 */
class WebAppResources extends PathResourceResolver {

    /** First path segments that belong to the platform's services, not to the web app. */
    static final Set<String> RESERVED = Set.of("api", "actuator", "interactive", "error");
    /** The app's page; {@code /} is forwarded to it (WebAppConfiguration). */
    static final String INDEX = "index.html";

    private final Resource notBuilt;

    WebAppResources(Resource notBuilt) {
        this.notBuilt = notBuilt;
    }

    @Override
    protected Resource resolveResourceInternal(HttpServletRequest request, String requestPath,
                                               List<? extends Resource> locations, ResourceResolverChain chain) {
        Resource file = super.resolveResourceInternal(request, requestPath, locations, chain);
        if (file != null || !(INDEX.equals(requestPath) || isAppRoute(requestPath))) {
            return file;
        }
        // (a location that does not exist, as where the app was not built, is not even passed here)
        Resource index = super.resolveResourceInternal(request, INDEX, locations, chain);
        return index != null ? index : notBuilt;
    }

    /** A path the web app's router answers: no dot in its last segment, not under a service's prefix. */
    static boolean isAppRoute(String path) {
        if (isReserved(path)) {
            return false;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }

    /** A path under one of the services' prefixes ({@link #RESERVED}), with or without its leading slash. */
    static boolean isReserved(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.indexOf('/');
        return RESERVED.contains(slash < 0 ? trimmed : trimmed.substring(0, slash));
    }
}
