package org.tributary.gateway.interactive;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.tributary.gateway.proxy.Forwarder;

import java.io.IOException;
import java.net.URI;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /interactive/<job id>/…}: the job's Jupyter, which serves under that very path ({@code JUPYTER_BASE_URL}),
 * so requests pass with their path unchanged. HTTP goes through the {@link Forwarder}; a WebSocket handshake (kernels,
 * terminals) through the {@link SocketProxy}. The platform's credentials never reach the job's container.
 */
@Controller
class InteractiveController {

    private static final Pattern PATH = Pattern.compile("/interactive/([0-9]{1,18})(/.*)?");
    /** Never sent on to a user's Jupyter: the platform's credentials, and the origin the gateway checked itself. */
    private static final Set<String> DROPPED = Set.of("authorization", "origin", "proxy-authorization");

    private final InteractiveTargets targets;
    private final Forwarder forwarder;
    private final SocketProxy sockets;

    InteractiveController(InteractiveTargets targets, Forwarder forwarder, SocketProxy sockets) {
        this.targets = targets;
        this.forwarder = forwarder;
        this.sockets = sockets;
    }

    @RequestMapping({"/interactive", "/interactive/**"})
    void proxy(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Matcher path = PATH.matcher(request.getRequestURI());
        if (!path.matches()) {
            throw new InteractiveTargets.NoJupyter("no such interactive job: the path is /interactive/<job id>/");
        }
        long jobId = Long.parseLong(path.group(1));
        if (path.group(2) == null) {
            String query = request.getQueryString();
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            response.setHeader("Location", "/interactive/" + jobId + "/" + (query == null ? "" : "?" + query));
            return;
        }
        if (!SameOrigin.allows(request.getHeader("Origin"), forwarder.forwardedHost(request))) {
            throw new CrossOrigin(request.getHeader("Origin"));
        }
        URI target = targets.of(jobId, request.getHeader("Authorization"));
        String name = "job " + jobId + "'s Jupyter";
        try {
            if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
                sockets.open(target, name, request, response);
            } else {
                forwarder.forward(target, name, DROPPED, request, response);
            }
        } catch (Forwarder.TargetUnavailable e) {
            targets.forget(jobId);
            throw e;
        }
    }
}
