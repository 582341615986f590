package org.tributary.webedge;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Refuses, before anything else runs, what no handler should see:
 * <ul>
 *     <li>TRACE, which would echo a request back (cross-site tracing); Tomcat would refuse it with an empty 405
 *     before any error page, so the connector lets it through to here;</li>
 *     <li>a {@code Content-Type} that is not one concrete media type ({@code *}{@code /*}, {@code garbage}), which
 *     Spring would otherwise fail on deep inside with an exception of its own (a 500).</li>
 * </ul>
 */
class EdgeFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("TRACE".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
            refuse(response, 405, "TRACE is not allowed", "method");
            return;
        }
        String contentType = request.getHeader("Content-Type");
        if (contentType != null && !contentType.isBlank() && !concrete(contentType)) {
            refuse(response, 415, "Content-Type must be one media type such as application/json", "Content-Type");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean concrete(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static void refuse(HttpServletResponse response, int status, String detail, String field)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        byte[] body = ProblemReportValve.body(status, detail, field).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
