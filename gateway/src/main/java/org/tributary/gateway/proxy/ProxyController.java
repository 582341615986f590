package org.tributary.gateway.proxy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.tributary.gateway.route.Routes;
import org.tributary.gateway.route.Target;

import java.io.IOException;

/** Every method on every path under {@code /api}: the routes decide where it goes. */
@Controller
class ProxyController {

    private final Forwarder forwarder;

    ProxyController(Forwarder forwarder) {
        this.forwarder = forwarder;
    }

    @RequestMapping({"/api", "/api/**"})
    void forward(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (Routes.internal(request.getRequestURI())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such endpoint");
            return;
        }
        Target target = Routes.of(request.getMethod(), request.getRequestURI())
                .orElseThrow(() -> new IllegalStateException("mapped a path outside /api: " + request.getRequestURI()));
        forwarder.forward(target, request, response);
    }
}
