package org.tributary.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.tributary.gateway.route.Target;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of the gateway ({@code tributary.gateway.*}).
 *
 * @param commandUrl      base URL of command-service
 * @param queryUrl        base URL of query-service
 * @param executorUrl     base URL of the executor (its API under {@code /api/executor_api})
 * @param connectTimeout  how long to wait for a connection to a service before answering 502
 * @param responseTimeout how long to wait for a service's response headers before answering 504
 * @param healthChecks    services whose {@code /actuator/health} is part of the gateway's health, by name; empty in a
 *                        cluster (a gateway that is down because a service is down helps no one), set in the
 *                        standalone run so that one health URL says whether the whole platform is up
 * @param trustedProxies  addresses or CIDR ranges of the proxies in front of the gateway (an ingress), whose
 *                        {@code X-Forwarded-*} headers it believes; none by default: the gateway is the edge, and a
 *                        client's own such headers are replaced ({@link org.tributary.gateway.proxy.TrustedProxies})
 */
@ConfigurationProperties("tributary.gateway")
public record GatewayProperties(URI commandUrl, URI queryUrl, URI executorUrl, Duration connectTimeout,
                                Duration responseTimeout, Map<String, URI> healthChecks,
                                List<String> trustedProxies) {

    public GatewayProperties {
        commandUrl = base(commandUrl, "http://127.0.0.1:8081");
        queryUrl = base(queryUrl, "http://127.0.0.1:8082");
        executorUrl = base(executorUrl, "http://127.0.0.1:8084");
        if (connectTimeout == null) {
            connectTimeout = Duration.ofSeconds(5);
        }
        if (responseTimeout == null) {
            responseTimeout = Duration.ofMinutes(5);
        }
        Map<String, URI> checks = new LinkedHashMap<>();
        if (healthChecks != null) {
            healthChecks.forEach((name, url) -> checks.put(name, base(url, null)));
        }
        healthChecks = Map.copyOf(checks);
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }

    public URI url(Target target) {
        return switch (target) {
            case COMMAND -> commandUrl;
            case QUERY -> queryUrl;
            case EXECUTOR -> executorUrl;
        };
    }

    /** Without a trailing slash, so that the request's path can be appended as it came. */
    private static URI base(URI url, String fallback) {
        String text = url == null || url.toString().isBlank() ? fallback : url.toString();
        if (text == null) {
            throw new IllegalArgumentException("a base URL is missing");
        }
        return URI.create(text.replaceAll("/+$", ""));
    }
}
