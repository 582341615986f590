package org.tributary.gateway.webapp;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * What the browser may do with the web app's page (its paths only: not the services' APIs, and not an interactive
 * job's Jupyter, whose pages run scripts of their own). Scripts come only from the app's own files (Vite builds no
 * inline script), so an injected {@code <script>} or {@code onerror=} does not run; no plugin, no {@code <base>}, no
 * framing by another site. Styles may be inline (Quasar and the code editor set them). Requests may go to any http(s)
 * origin: the app sends files straight to the file store's presigned URLs, whose origin the gateway does not know
 * (docs/decisions/0023).
 */
@Component
class WebAppHeaders extends OncePerRequestFilter {

    static final String POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self' http: https:",
            "frame-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return WebAppResources.isReserved(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        chain.doFilter(request, response);
    }
}
