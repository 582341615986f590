package org.tributary.gateway.proxy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tributary.gateway.GatewayProperties;
import org.tributary.gateway.route.Target;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sends one request on to a service and its response back, streaming both bodies: a large node file or a long
 * page never sits whole in the gateway's memory. Status, headers (less the hop-by-hop ones, RFC 9110 §7.6.1) and
 * the raw path and query pass unchanged.
 */
@Component
public class Forwarder {

    private static final Logger log = LoggerFactory.getLogger(Forwarder.class);

    /** Hop-by-hop headers, and those the JDK client sets itself (it refuses them from callers). */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
            "http2-settings", "host", "content-length", "expect");

    private final GatewayProperties properties;
    private final TrustedProxies proxies;
    private final HttpClient client;

    public Forwarder(GatewayProperties properties) {
        this.properties = properties;
        this.proxies = TrustedProxies.of(properties.trustedProxies());
        // HTTP/1.1: the services speak nothing else on loopback, and an h2c upgrade attempt would cost a round trip
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public void forward(Target target, HttpServletRequest in, HttpServletResponse out) throws IOException {
        forward(properties.url(target), target.serviceName(), Set.of(), in, out);
    }

    /**
     * Forwards to {@code base} (the request's path appended as it came), leaving out the {@code dropped} request
     * headers (lower case); {@code name} says in a 502 or 504 what did not answer.
     */
    public void forward(URI base, String name, Set<String> dropped, HttpServletRequest in, HttpServletResponse out)
            throws IOException {
        URI uri = uri(base, in);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(properties.responseTimeout())
                .method(in.getMethod(), body(in));
        Set<String> connectionTokens = connectionTokens(in.getHeaders("Connection"));
        for (String header : Collections.list(in.getHeaderNames())) {
            String lower = header.toLowerCase(Locale.ROOT);
            // the forwarding headers are the gateway's to write (RFC 7239's Forwarded too: the services would
            // believe it before X-Forwarded-*)
            if (NOT_FORWARDED.contains(lower) || connectionTokens.contains(lower) || lower.startsWith("x-forwarded-")
                    || lower.equals("forwarded") || dropped.contains(lower)) {
                continue;
            }
            for (String value : Collections.list(in.getHeaders(header))) {
                request.header(header, value);
            }
        }
        forwardedHeaders(in, request);

        HttpResponse<InputStream> response = send(name, uri, request.build());
        try (InputStream body = response.body()) {
            out.setStatus(response.statusCode());
            copyHeaders(response.headers().map(), out);
            copyBody(body, in.getMethod(), out);
        }
    }

    private HttpResponse<InputStream> send(String target, URI uri, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new TargetUnavailable(target, uri, false, e);
        } catch (HttpTimeoutException e) {
            throw new TargetUnavailable(target, uri, true, e);
        } catch (IOException | UncheckedIOException e) {
            throw new TargetUnavailable(target, uri, false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetUnavailable(target, uri, false, e);
        }
    }

    private static URI uri(URI base, HttpServletRequest in) {
        String query = in.getQueryString();
        try {
            return URI.create(base + in.getRequestURI() + (query == null ? "" : "?" + query));
        } catch (IllegalArgumentException e) {
            throw new BadTarget(in.getRequestURI(), e);
        }
    }

    /** The body as it arrives, with its length when the client gave one; none when the client sent none. */
    private static HttpRequest.BodyPublisher body(HttpServletRequest in) {
        long length = in.getContentLengthLong();
        boolean chunked = in.getHeader("Transfer-Encoding") != null;
        if (length == 0 || (length < 0 && !chunked)) {
            return HttpRequest.BodyPublishers.noBody();
        }
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                return in.getInputStream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return length > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, length) : stream;
    }

    /**
     * Who the client is, as the services read it ({@code server.forward-headers-strategy: framework}): the peer's
     * address, scheme, host and port, or, from a trusted proxy in front, what it forwarded.
     */
    private void forwardedHeaders(HttpServletRequest in, HttpRequest.Builder request) {
        String peer = in.getRemoteAddr();
        boolean trusted = proxies.trusts(peer);
        request.header("X-Forwarded-For", proxies.client(peer, Collections.list(in.getHeaders("X-Forwarded-For"))));
        String proto = trusted ? in.getHeader("X-Forwarded-Proto") : null;
        request.header("X-Forwarded-Proto", proto != null ? proto : in.getScheme());
        String host = forwardedHost(in);
        if (host != null) {
            request.header("X-Forwarded-Host", host);
        }
        String port = trusted ? in.getHeader("X-Forwarded-Port") : null;
        request.header("X-Forwarded-Port", port != null ? port : Integer.toString(in.getServerPort()));
    }

    /** The host the client addressed: its {@code Host}, or what a trusted proxy in front says it was. */
    public String forwardedHost(HttpServletRequest in) {
        String forwarded = proxies.trusts(in.getRemoteAddr()) ? in.getHeader("X-Forwarded-Host") : null;
        return forwarded != null ? forwarded : in.getHeader("Host");
    }

    private static void copyHeaders(Map<String, List<String>> headers, HttpServletResponse out) {
        Set<String> connectionTokens = connectionTokens(Collections.enumeration(
                headers.getOrDefault("connection", List.of())));
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(":") || connectionTokens.contains(lower)
                    || (NOT_FORWARDED.contains(lower) && !"content-length".equals(lower))) {
                return;
            }
            for (String value : values) {
                out.addHeader(name, value);
            }
        });
    }

    /**
     * Flushes whenever the service has nothing more buffered, so that a stream of events reaches the client as it is
     * written. A failure to write means the client went away; a failure to read means the service did, and is
     * thrown on, so that the client's connection is cut rather than ended as if the body were complete.
     */
    private static void copyBody(InputStream body, String method, HttpServletResponse out) throws IOException {
        if ("HEAD".equals(method)) {
            return;
        }
        OutputStream sink = out.getOutputStream();
        byte[] buffer = new byte[16 * 1024];
        for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
            try {
                sink.write(buffer, 0, n);
                if (body.available() == 0) {
                    sink.flush();
                }
            } catch (IOException clientGone) {
                log.debug("client went away: {}", clientGone.toString());
                return;
            }
        }
    }

    private static Set<String> connectionTokens(java.util.Enumeration<String> values) {
        Set<String> tokens = new HashSet<>();
        while (values.hasMoreElements()) {
            for (String token : values.nextElement().split(",")) {
                tokens.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        return tokens;
    }

    /** The service did not answer: down (502), or too slow (504). */
    public static final class TargetUnavailable extends RuntimeException {
        private final String target;
        private final boolean timedOut;
        private final String address;

        /** The message names what did not answer, never its address: that is the platform's inside, for the log. */
        public TargetUnavailable(String target, URI uri, boolean timedOut, Exception cause) {
            super(target + (timedOut ? " did not answer in time" : " is not reachable"), cause);
            this.target = target;
            this.timedOut = timedOut;
            this.address = uri.getScheme() + "://" + uri.getAuthority();
        }

        /** Where the gateway tried to reach it (for the operator's log, not for the caller). */
        public String address() {
            return address;
        }

        /** What did not answer: a service's name, or an interactive job's Jupyter. */
        public String target() {
            return target;
        }

        public boolean timedOut() {
            return timedOut;
        }
    }

    /** A request path the gateway cannot pass on as a URI. */
    public static final class BadTarget extends RuntimeException {
        public BadTarget(String path, Exception cause) {
            super("the path " + path + " is not a valid URI", cause);
        }
    }
}
